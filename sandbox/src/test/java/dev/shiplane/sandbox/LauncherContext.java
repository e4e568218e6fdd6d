package dev.shiplane.sandbox;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** The Lambda context the launchers hand a function: a fixed request id, 1,024 MB, a minute left, logs to stderr. */
final class LauncherContext implements Context {

    private final String name;

    LauncherContext(String name) {
        this.name = name;
    }

    public String getAwsRequestId() { return name; }
    public String getLogGroupName() { return "/aws/lambda/" + name; }
    public String getLogStreamName() { return name; }
    public String getFunctionName() { return name; }
    public String getFunctionVersion() { return "$LATEST"; }
    public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:" + name; }
    public CognitoIdentity getIdentity() { return null; }
    public ClientContext getClientContext() { return null; }
    public int getRemainingTimeInMillis() { return 60_000; }
    public int getMemoryLimitInMB() { return 1024; }
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            public void log(String message) { System.err.println(message); }
            public void log(byte[] message) { System.err.println(new String(message, StandardCharsets.UTF_8)); }
        };
    }
}
