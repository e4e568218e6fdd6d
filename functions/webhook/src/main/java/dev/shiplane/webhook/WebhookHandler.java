package dev.shiplane.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shiplane.runtime.EmbeddedMetrics;
import dev.shiplane.runtime.EmbeddedMetrics.Metric;
import dev.shiplane.runtime.SnapStartPriming;
import dev.shiplane.runtime.logging.InvocationContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
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
    private final EmbeddedMetrics metrics;
    private final String service;
    private final SnapStartPriming priming;

    public WebhookHandler() {
        this(System.getenv());
    }

    /** For the sandbox, which runs several functions in one JVM, each with its own environment. */
    public WebhookHandler(Map<String, String> env) {
        this(WebhookFunction.fromEnvironment(env), EmbeddedMetrics.fromEnvironment(env),
                env.get(EmbeddedMetrics.SERVICE_ENV));
    }

    WebhookHandler(WebhookFunction function, EmbeddedMetrics metrics, String service) {
        this.function = function;
        this.priming = SnapStartPriming.register(function::prime);
        this.metrics = metrics;
        this.service = service;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        var invocation = input.readAllBytes();
        WebhookFunction.Reply reply;
        try (var _ = InvocationContext.begin(context, service)) {
            reply = function.handle(invocation);
        } catch (RuntimeException failure) {
            metrics.emitForFunction(List.of(Metric.count("WebhookFailed")), Map.of());
            throw failure;
        }
        // One count per outcome (WebhookPublished, WebhookUnauthorized, …): alarm on a burst of the latter.
        metrics.emitForFunction(List.of(Metric.count("Webhook" + pascal(reply.outcome().code()))), Map.of());
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
