package dev.shiplane.deploy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Lambda entry point of the deploy function. A stream handler because the function parses the event itself:
 * every malformed field is reported by name, and no reflection-based event binding weighs on cold start.
 * Failures propagate so Lambda retries the event and, after its retries, sends it to the DLQ.
 */
public final class DeployHandler implements RequestStreamHandler {

    private final DeployFunction function;
    private final Metrics metrics;

    public DeployHandler() {
        this(System.getenv());
    }

    /** For the sandbox, which runs several functions in one JVM, each with its own environment. */
    public DeployHandler(Map<String, String> env) {
        this(DeployFunction.fromEnvironment(env), env.getOrDefault("POWERTOOLS_METRICS_NAMESPACE", "shiplane"));
    }

    DeployHandler(DeployFunction function, String metricsNamespace) {
        this.function = function;
        this.metrics = MetricsFactory.getMetricsInstance();
        this.metrics.setNamespace(metricsNamespace);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        var event = input.readAllBytes();
        String result;
        try {
            result = PowertoolsLogging.withLogging(context, () -> function.handle(event));
            metrics.addMetric("EventsHandled", 1, MetricUnit.COUNT);
        } catch (RuntimeException failure) {
            metrics.addMetric("EventsFailed", 1, MetricUnit.COUNT);
            throw failure;
        } finally {
            metrics.flush();
        }
        output.write(("{\"result\":" + quote(result) + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
