package dev.shiplane.rotate;

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
 * Lambda entry point of the rotation function, invoked by the schedule rule, the {@code Rotation Requested} rule and
 * Secrets Manager's RotateSecret. Failures propagate: EventBridge retries the event (then dead-letters it), and
 * RotateSecret marks the rotation failed; either way the next run resumes the same rotation.
 */
public final class RotateHandler implements RequestStreamHandler {

    private final RotateFunction function;
    private final Metrics metrics;

    public RotateHandler() {
        this(System.getenv());
    }

    /** For the sandbox, which runs several functions in one JVM, each with its own environment. */
    public RotateHandler(Map<String, String> env) {
        this(RotateFunction.fromEnvironment(env), env.getOrDefault("POWERTOOLS_METRICS_NAMESPACE", "shiplane"));
    }

    RotateHandler(RotateFunction function, String metricsNamespace) {
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
            metrics.addMetric("RotationInvocationsHandled", 1, MetricUnit.COUNT);
        } catch (RuntimeException failure) {
            metrics.addMetric("RotationInvocationsFailed", 1, MetricUnit.COUNT);
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
