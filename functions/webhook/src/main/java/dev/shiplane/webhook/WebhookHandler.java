package dev.shiplane.webhook;

import dev.shiplane.runtime.SnapStartPriming;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Lambda entry point of the webhook function, behind a Function URL. A stream handler because the signature covers
 * the body's exact bytes: nothing may deserialize and re-encode the request before it is verified. Failures
 * (Secrets Manager, DynamoDB or EventBridge unavailable) propagate, so the Function URL answers 502 and GitHub
 * shows the delivery as failed, ready to be redelivered.
 */
public final class WebhookHandler implements RequestStreamHandler {

    private final WebhookFunction function;
    private final Metrics metrics;
    private final SnapStartPriming priming;

    public WebhookHandler() {
        this(System.getenv());
    }

    /** For the sandbox, which runs several functions in one JVM, each with its own environment. */
    public WebhookHandler(Map<String, String> env) {
        this(WebhookFunction.fromEnvironment(env), env.getOrDefault("POWERTOOLS_METRICS_NAMESPACE", "shiplane"));
    }

    WebhookHandler(WebhookFunction function, String metricsNamespace) {
        this.function = function;
        this.priming = SnapStartPriming.register(function::prime);
        this.metrics = MetricsFactory.getMetricsInstance();
        this.metrics.setNamespace(metricsNamespace);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        var invocation = input.readAllBytes();
        WebhookFunction.Reply reply;
        try {
            reply = PowertoolsLogging.withLogging(context, () -> function.handle(invocation));
            // One count per outcome (WebhookPublished, WebhookUnauthorized, …): alarm on a burst of the latter.
            metrics.addMetric("Webhook" + pascal(reply.outcome().code()), 1, MetricUnit.COUNT);
        } catch (RuntimeException failure) {
            metrics.addMetric("WebhookFailed", 1, MetricUnit.COUNT);
            throw failure;
        } finally {
            metrics.flush();
        }
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
