package dev.shiplane.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shiplane.runtime.FunctionTelemetry;
import dev.shiplane.runtime.SnapStartPriming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * Lambda entry point of the webhook function, behind a Function URL. A stream handler because the signature covers
 * the body's exact bytes: nothing may deserialize and re-encode the request before it is verified. Failures
 * (Secrets Manager, DynamoDB or EventBridge unavailable) propagate, so the Function URL answers 502 and GitHub
 * shows the delivery as failed, ready to be redelivered.
 */
public final class WebhookHandler implements RequestStreamHandler {

    private final WebhookFunction function;
    private final FunctionTelemetry telemetry;
    private final SnapStartPriming priming;

    public WebhookHandler() {
        this(System.getenv());
    }

    /** On the machine's clock: Lambda's environment (the no-arg constructor), or a test's. */
    public WebhookHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    /**
     * For the sandbox, which runs several functions in one JVM, each with its own environment, on its story's clock:
     * every time the function reads comes from {@code clock}.
     */
    public WebhookHandler(Map<String, String> env, Clock clock) {
        this(WebhookFunction.fromEnvironment(env, clock), FunctionTelemetry.fromEnvironment(env));
    }

    WebhookHandler(WebhookFunction function, FunctionTelemetry telemetry) {
        this.function = function;
        this.priming = SnapStartPriming.register(function::prime);
        this.telemetry = telemetry;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        var invocation = input.readAllBytes();
        // The correlation id is the delivery id, which WebhookFunction logs only once it is well-formed: it comes
        // from anyone on the internet.
        // One count per outcome (WebhookPublished, WebhookUnauthorized, …): alarm on a burst of the latter.
        var reply = telemetry.invoke(context, null, invocation, () -> function.handle(invocation),
                r -> "Webhook" + pascal(r.outcome().code()), "WebhookFailed");
        output.write(reply.document());
    }

    private static String pascal(String code) {
        var out = new StringBuilder();
        for (var word : code.split("-")) {
            out.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
        }
        return out.toString();
    }
}
