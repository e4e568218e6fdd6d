package dev.shiplane.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The delivery metrics as CloudWatch reads them: embedded-metric-format lines on standard output, each checked
 * against what the EMF specification requires (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/
 * CloudWatch_Embedded_Metric_Format_Specification.html), then against the names, units, dimensions and namespace
 * the dashboard and alarms read.
 */
class EmfDeliveryMetricsTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    /** The units the EMF specification allows. */
    static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
            "None");

    record Value(String name, String unit, double value) {}

    /** One expected line: its namespace, dimensions (exactly these), metrics (exactly these), some properties. */
    record Line(String namespace, Map<String, String> dimensions, List<Value> metrics,
                Map<String, String> properties) {}

    static Map<String, String> ordered(String... keysAndValues) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put(keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }

    static Stream<Arguments> cases() {
        var deploy = Map.of("POWERTOOLS_SERVICE_NAME", "shiplane-deploy");
        var rollback = Map.of("POWERTOOLS_SERVICE_NAME", "shiplane-rollback");
        Consumer<EmfDeliveryMetrics> prodWebSucceeded = m -> m.deploymentSucceeded("prod", "web",
                Duration.ofSeconds(251), Duration.ofMinutes(47));
        return Stream.of(
                Arguments.of("a success: its duration under the function's Service, DORA count and lead time per"
                                + " env and service", deploy, prodWebSucceeded,
                        List.of(new Line("shiplane", ordered("Service", "shiplane-deploy"),
                                        List.of(new Value("DeploymentDurationSeconds", "Seconds", 251)),
                                        Map.of("deployment", "prod/web")),
                                new Line("shiplane", ordered("env", "prod", "service", "web"),
                                        List.of(new Value("DeploymentCount", "Count", 1),
                                                new Value("LeadTimeSeconds", "Seconds", 47 * 60)),
                                        Map.of()))),
                Arguments.of("a success without push time has no lead time", deploy,
                        (Consumer<EmfDeliveryMetrics>) m -> m.deploymentSucceeded("staging", "api",
                                Duration.ofSeconds(9), null),
                        List.of(new Line("shiplane", ordered("Service", "shiplane-deploy"),
                                        List.of(new Value("DeploymentDurationSeconds", "Seconds", 9)), Map.of()),
                                new Line("shiplane", ordered("env", "staging", "service", "api"),
                                        List.of(new Value("DeploymentCount", "Count", 1)), Map.of()))),
                Arguments.of("a rollback: RollbacksPerformed under the function's Service, change failure and time"
                                + " to restore per env and service", rollback,
                        (Consumer<EmfDeliveryMetrics>) m -> m.rolledBack("staging", "api", "alarm",
                                Duration.ofSeconds(93)),
                        List.of(new Line("shiplane", ordered("Service", "shiplane-rollback"),
                                        List.of(new Value("RollbacksPerformed", "Count", 1)),
                                        Map.of("rollback", "staging/api (alarm)")),
                                new Line("shiplane", ordered("env", "staging", "service", "api"),
                                        List.of(new Value("ChangeFailureCount", "Count", 1),
                                                new Value("TimeToRestoreSeconds", "Seconds", 93)),
                                        Map.of()))),
                Arguments.of("POWERTOOLS_METRICS_NAMESPACE names the namespace",
                        Map.of("POWERTOOLS_SERVICE_NAME", "shiplane-deploy", "POWERTOOLS_METRICS_NAMESPACE", "acme"),
                        prodWebSucceeded,
                        List.of(new Line("acme", ordered("Service", "shiplane-deploy"),
                                        List.of(new Value("DeploymentDurationSeconds", "Seconds", 251)), Map.of()),
                                new Line("acme", ordered("env", "prod", "service", "web"),
                                        List.of(new Value("DeploymentCount", "Count", 1),
                                                new Value("LeadTimeSeconds", "Seconds", 47 * 60)),
                                        Map.of()))),
                Arguments.of("without a service name the function's metric has no dimension (as Powertools)",
                        Map.of(), prodWebSucceeded,
                        List.of(new Line("shiplane", Map.of(),
                                        List.of(new Value("DeploymentDurationSeconds", "Seconds", 251)), Map.of()),
                                new Line("shiplane", ordered("env", "prod", "service", "web"),
                                        List.of(new Value("DeploymentCount", "Count", 1),
                                                new Value("LeadTimeSeconds", "Seconds", 47 * 60)),
                                        Map.of()))),
                Arguments.of("POWERTOOLS_METRICS_DISABLED=true silences them",
                        Map.of("POWERTOOLS_SERVICE_NAME", "shiplane-deploy", "POWERTOOLS_METRICS_DISABLED", "true"),
                        prodWebSucceeded, List.of()),
                Arguments.of("POWERTOOLS_METRICS_DISABLED is read case-insensitively",
                        Map.of("POWERTOOLS_METRICS_DISABLED", "TRUE"),
                        (Consumer<EmfDeliveryMetrics>) m -> m.rolledBack("prod", "web", "manual", Duration.ZERO),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void emits(String rule, Map<String, String> env, Consumer<EmfDeliveryMetrics> action, List<Line> expected) {
        var metrics = new EmfDeliveryMetrics(EmbeddedMetrics.fromEnvironment(env, Clock.fixed(NOW, ZoneOffset.UTC)));

        List<JsonNode> lines;
        try (var out = StandardOutput.capture()) {
            action.accept(metrics);
            lines = out.jsonLines();
        }

        assertThat(lines).hasSize(expected.size());
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i);
            assertValidEmf(line);
            var want = expected.get(i);
            var directive = line.path("_aws").path("CloudWatchMetrics").get(0);
            assertThat(line.path("_aws").path("Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
            assertThat(directive.path("Namespace").asText()).isEqualTo(want.namespace());
            assertThat(directive.path("Dimensions")).hasSize(1);
            assertThat(strings(directive.path("Dimensions").get(0)))
                    .containsExactlyElementsOf(want.dimensions().keySet());
            want.dimensions().forEach((name, value) -> assertThat(line.path(name).asText()).isEqualTo(value));
            List<Value> metricsOnLine = new ArrayList<>();
            for (var definition : directive.path("Metrics")) {
                var name = definition.path("Name").asText();
                metricsOnLine.add(new Value(name, definition.path("Unit").asText(), line.path(name).asDouble()));
            }
            assertThat(metricsOnLine).containsExactlyElementsOf(want.metrics());
            want.properties().forEach((name, value) -> assertThat(line.path(name).asText()).isEqualTo(value));
        }
    }

    /**
     * The specification's rules: {@code _aws} with an integral {@code Timestamp} (epoch ms) and a non-empty
     * {@code CloudWatchMetrics} array; each directive a namespace, an array of dimension sets (≤ 30 names each),
     * metric definitions with a name and a valid unit; at the root, every dimension named as a string and every
     * metric named as a number.
     */
    static void assertValidEmf(JsonNode line) {
        var aws = line.path("_aws");
        assertThat(aws.isObject()).as("_aws in %s", line).isTrue();
        assertThat(aws.path("Timestamp").isIntegralNumber()).as("_aws.Timestamp (epoch millis) in %s", line).isTrue();
        var directives = aws.path("CloudWatchMetrics");
        assertThat(directives.isArray()).as("CloudWatchMetrics in %s", line).isTrue();
        assertThat(directives).isNotEmpty();
        for (var directive : directives) {
            assertThat(directive.path("Namespace").isTextual()).as("Namespace in %s", line).isTrue();
            assertThat(directive.path("Namespace").asText()).isNotBlank();
            assertThat(directive.path("Dimensions").isArray()).as("Dimensions in %s", line).isTrue();
            for (var dimensionSet : directive.path("Dimensions")) {
                assertThat(dimensionSet.isArray()).as("a dimension set in %s", line).isTrue();
                assertThat(dimensionSet.size()).isLessThanOrEqualTo(30);
                for (var dimension : dimensionSet) {
                    assertThat(dimension.isTextual()).isTrue();
                    assertThat(line.path(dimension.asText()).isTextual())
                            .as("dimension %s as a string at the root of %s", dimension, line).isTrue();
                }
            }
            assertThat(directive.path("Metrics").isArray()).as("Metrics in %s", line).isTrue();
            assertThat(directive.path("Metrics")).isNotEmpty();
            for (var definition : directive.path("Metrics")) {
                var name = definition.path("Name");
                assertThat(name.isTextual()).as("a metric's Name in %s", line).isTrue();
                assertThat(UNITS).as("the unit of %s", name).contains(definition.path("Unit").asText());
                assertThat(line.path(name.asText()).isNumber())
                        .as("metric %s as a number at the root of %s", name, line).isTrue();
            }
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
