package dev.shiplane.sandbox;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plays Lambda's Java runtime for one invocation in a fresh JVM whose class path is a function's shaded jar (plus
 * this class): load the handler class, construct it, hand it one event file. Prints one line,
 * {@code <uptime ms> <peak heap bytes> <live heap bytes after GC> <metaspace+code bytes> <handler output>}; a handler
 * that throws (a class the shade step dropped included) prints its stack trace and exits 1.
 *
 * <p>Only the JDK and aws-lambda-java-core are referenced, so it runs against nothing but the package Lambda gets.
 * {@code ShadedJarIT} and {@code scripts/bench} use it.
 */
public final class ShadedLambdaLauncher {

    private ShadedLambdaLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ShadedLambdaLauncher <handler class> <event file>");
            System.exit(2);
        }
        var out = new ByteArrayOutputStream();
        try {
            var handler = (RequestStreamHandler) Class.forName(args[0]).getConstructor().newInstance();
            handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(Path.of(args[1]))), out, new Invocation());
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
        }
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        long peakHeap = 0;
        long nonHeap = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            } else {
                nonHeap += pool.getUsage().getUsed();
            }
        }
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.println(uptime + " " + peakHeap + " " + live + " " + nonHeap + " "
                + out.toString(StandardCharsets.UTF_8));
    }

    private static final class Invocation implements Context {
        public String getAwsRequestId() { return "shaded-jar"; }
        public String getLogGroupName() { return "/aws/lambda/shaded-jar"; }
        public String getLogStreamName() { return "shaded-jar"; }
        public String getFunctionName() { return "shaded-jar"; }
        public String getFunctionVersion() { return "$LATEST"; }
        public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:shaded-jar"; }
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
}
