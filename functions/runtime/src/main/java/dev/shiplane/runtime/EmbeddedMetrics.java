package dev.shiplane.runtime;

import dev.shiplane.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch metrics as embedded-metric-format lines on standard output, which CloudWatch Logs turns into metrics
 * (the specification: CloudWatch_Embedded_Metric_Format_Specification.html in the CloudWatch user guide):
 * <pre>{"_aws":{"Timestamp":1767225600000,"CloudWatchMetrics":[{"Namespace":"shiplane","Dimensions":[["Service"]],
 * "Metrics":[{"Name":"EventsHandled","Unit":"Count"}]}]},"Service":"shiplane-deploy","EventsHandled":1}</pre>
 *
 * <p>Configured by the variables Powertools Metrics read, which the stacks set and the tests use:
 * {@value #NAMESPACE_ENV} (default {@code shiplane}), {@value #SERVICE_ENV} (the value of the function's own
 * dimension {@value #SERVICE_DIMENSION}, Powertools' default dimension, which the dashboard and alarms select on) and
 * {@value #DISABLED_ENV} ({@code true}: nothing is written).
 */
public final class EmbeddedMetrics {

    public static final String NAMESPACE_ENV = "POWERTOOLS_METRICS_NAMESPACE";
    public static final String SERVICE_ENV = "POWERTOOLS_SERVICE_NAME";
    public static final String DISABLED_ENV = "POWERTOOLS_METRICS_DISABLED";
    public static final String SERVICE_DIMENSION = "Service";

    /** The CloudWatch units shiplane uses. */
    public enum Unit {
        COUNT("Count"), SECONDS("Seconds");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }
    }

    /** One value of one metric. */
    public record Metric(String name, double value, Unit unit) {
        public static Metric count(String name) {
            return new Metric(name, 1, Unit.COUNT);
        }
    }

    private final String namespace;
    private final String service;
    private final boolean disabled;
    private final Clock clock;

    EmbeddedMetrics(String namespace, String service, boolean disabled, Clock clock) {
        this.namespace = namespace;
        this.service = service;
        this.disabled = disabled;
        this.clock = clock;
    }

    public static EmbeddedMetrics fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, Clock.systemUTC());
    }

    static EmbeddedMetrics fromEnvironment(Map<String, String> env, Clock clock) {
        var service = env.get(SERVICE_ENV);
        return new EmbeddedMetrics(env.getOrDefault(NAMESPACE_ENV, "shiplane"),
                service == null || service.isBlank() ? null : service,
                "true".equalsIgnoreCase(env.get(DISABLED_ENV)), clock);
    }

    /**
     * One line of the function's own metrics, with the dimension {@value #SERVICE_DIMENSION} (none when the
     * function has no service name, as Powertools did).
     *
     * @param properties searchable in Logs Insights, not metrics ({@code deployment: prod/web})
     */
    public void emitForFunction(List<Metric> metrics, Map<String, String> properties) {
        emit(service == null ? Map.of() : Map.of(SERVICE_DIMENSION, service), metrics, properties);
    }

    /** One line of {@code metrics} under exactly {@code dimensions} (insertion-ordered if order matters). */
    public void emit(Map<String, String> dimensions, List<Metric> metrics, Map<String, String> properties) {
        if (disabled || metrics.isEmpty()) return;
        var definitions = new ArrayList<Object>();
        for (var metric : metrics) {
            var definition = new LinkedHashMap<String, Object>();
            definition.put("Name", metric.name());
            definition.put("Unit", metric.unit().cloudWatchName);
            definitions.add(definition);
        }
        var directive = new LinkedHashMap<String, Object>();
        directive.put("Namespace", namespace);
        directive.put("Dimensions", List.of(List.copyOf(dimensions.keySet())));
        directive.put("Metrics", definitions);
        var aws = new LinkedHashMap<String, Object>();
        aws.put("Timestamp", clock.millis());
        aws.put("CloudWatchMetrics", List.of(directive));
        var line = new LinkedHashMap<String, Object>();
        line.put("_aws", aws);
        // Properties first: a dimension or metric of the same name must win, or CloudWatch rejects the line.
        line.putAll(properties);
        line.putAll(dimensions);
        for (var metric : metrics) line.put(metric.name(), metric.value());
        var bytes = (Json.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
        var out = System.out;
        out.write(bytes, 0, bytes.length);
        out.flush();
    }
}
