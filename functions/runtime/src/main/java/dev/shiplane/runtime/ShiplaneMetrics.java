package dev.shiplane.runtime;

import java.util.Map;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;

/**
 * The function's Powertools {@link Metrics}: namespace {@value #NAMESPACE_ENV} (default {@value #DEFAULT_NAMESPACE})
 * and the default dimension {@code Service} = {@value #SERVICE_ENV}, which the dashboard and shiplane's alarms select
 * on. Read from the handler's environment map rather than the process environment Powertools reads by itself: in
 * Lambda they are the same map; in the sandbox each function has its own.
 */
public final class ShiplaneMetrics {

    public static final String NAMESPACE_ENV = "POWERTOOLS_METRICS_NAMESPACE";
    public static final String SERVICE_ENV = "POWERTOOLS_SERVICE_NAME";
    public static final String DEFAULT_NAMESPACE = "shiplane";

    private ShiplaneMetrics() {}

    /** Configures Powertools' metrics instance (one per class loader: per function package) and returns it. */
    public static Metrics configure(Map<String, String> env) {
        var builder = MetricsBuilder.builder().withNamespace(env.getOrDefault(NAMESPACE_ENV, DEFAULT_NAMESPACE));
        var service = serviceName(env);
        if (service != null) builder.withService(service);
        return builder.build();
    }

    /** {@value #SERVICE_ENV} of {@code env}, or {@code null} when it is not set. */
    static String serviceName(Map<String, String> env) {
        var service = env.get(SERVICE_ENV);
        return service == null || service.isBlank() ? null : service;
    }
}
