package dev.shiplane.runtime;

import static dev.shiplane.contract.environment.CommonEnvironment.METRICS_NAMESPACE;
import static dev.shiplane.contract.environment.CommonEnvironment.SERVICE_NAME;

import dev.shiplane.contract.environment.CommonEnvironment;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;

/**
 * The function's Powertools {@link Metrics}: namespace {@value CommonEnvironment#METRICS_NAMESPACE} (default {@value #DEFAULT_NAMESPACE})
 * and the default dimension {@code Service} = {@value CommonEnvironment#SERVICE_NAME}, which the dashboard and shiplane's alarms select
 * on. Read from the handler's environment map rather than the process environment Powertools reads by itself: in
 * Lambda they are the same map; in the sandbox each function has its own.
 */
public final class ShiplaneMetrics {
    public static final String DEFAULT_NAMESPACE = "shiplane";

    private ShiplaneMetrics() {}

    /** Configures Powertools' metrics instance (one per class loader: per function package) and returns it. */
    public static Metrics configure(Map<String, String> env) {
        var builder = MetricsBuilder.builder().withNamespace(env.getOrDefault(METRICS_NAMESPACE, DEFAULT_NAMESPACE));
        var service = serviceName(env);
        if (service != null) builder.withService(service);
        return builder.build();
    }

    /** {@value CommonEnvironment#SERVICE_NAME} of {@code env}, or {@code null} when it is not set. */
    static String serviceName(Map<String, String> env) {
        var service = env.get(SERVICE_NAME);
        return service == null || service.isBlank() ? null : service;
    }
}
