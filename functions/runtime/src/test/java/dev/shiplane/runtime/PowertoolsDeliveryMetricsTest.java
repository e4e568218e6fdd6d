package dev.shiplane.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplane.core.dora.LeadTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The delivery metrics as CloudWatch reads them: Powertools' embedded-metric-format lines on standard output, each
 * checked against the EMF specification ({@link EmfLines#assertValid}), then against the names, units, dimensions
 * and namespace the dashboard and alarms read.
 */
class PowertoolsDeliveryMetricsTest {

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
        Consumer<PowertoolsDeliveryMetrics> prodWebSucceeded = m -> m.deploymentSucceeded("prod", "web",
                Duration.ofSeconds(251), new LeadTime(Duration.ofMinutes(47), LeadTime.From.PUSH),
                Duration.ofMinutes(47));
        return Stream.of(
                Arguments.of("a success: its duration under the function's Service, DORA count and lead time per"
                                + " env and service", deploy, prodWebSucceeded,
                        List.of(new Line("shiplane", ordered("Service", "shiplane-deploy"),
                                        List.of(new Value("DeploymentDurationSeconds", "Seconds", 251)),
                                        Map.of("deployment", "prod/web")),
                                new Line("shiplane", ordered("env", "prod", "service", "web"),
                                        List.of(new Value("DeploymentCount", "Count", 1),
                                                new Value("LeadTimeSeconds", "Seconds", 47 * 60),
                                                new Value("PushToLiveSeconds", "Seconds", 47 * 60)),
                                        Map.of("leadTimeFrom", "push")))),
                Arguments.of("a success whose image names its commit: lead time from the commit, counted as such,"
                                + " push to live beside it", deploy,
                        (Consumer<PowertoolsDeliveryMetrics>) m -> m.deploymentSucceeded("prod", "web",
                                Duration.ofSeconds(251), new LeadTime(Duration.ofMinutes(95), LeadTime.From.COMMIT),
                                Duration.ofMinutes(47)),
                        List.of(new Line("shiplane", ordered("Service", "shiplane-deploy"),
                                        List.of(new Value("DeploymentDurationSeconds", "Seconds", 251)),
                                        Map.of("deployment", "prod/web")),
                                new Line("shiplane", ordered("env", "prod", "service", "web"),
                                        List.of(new Value("DeploymentCount", "Count", 1),
                                                new Value("LeadTimeSeconds", "Seconds", 95 * 60),
                                                new Value("LeadTimeFromCommitCount", "Count", 1),
                                                new Value("PushToLiveSeconds", "Seconds", 47 * 60)),
                                        Map.of("leadTimeFrom", "commit")))),
                Arguments.of("a success without push time has no lead time", deploy,
                        (Consumer<PowertoolsDeliveryMetrics>) m -> m.deploymentSucceeded("staging", "api",
                                Duration.ofSeconds(9), null, null),
                        List.of(new Line("shiplane", ordered("Service", "shiplane-deploy"),
                                        List.of(new Value("DeploymentDurationSeconds", "Seconds", 9)), Map.of()),
                                new Line("shiplane", ordered("env", "staging", "service", "api"),
                                        List.of(new Value("DeploymentCount", "Count", 1)), Map.of()))),
                Arguments.of("a rollback: RollbacksPerformed under the function's Service, change failure and time"
                                + " to restore per env and service", rollback,
                        (Consumer<PowertoolsDeliveryMetrics>) m -> m.rolledBack("staging", "api", "alarm",
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
                                                new Value("LeadTimeSeconds", "Seconds", 47 * 60),
                                                new Value("PushToLiveSeconds", "Seconds", 47 * 60)),
                                        Map.of()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void emits(String rule, Map<String, String> env, Consumer<PowertoolsDeliveryMetrics> action, List<Line> expected) {
        var metrics = new PowertoolsDeliveryMetrics(env);

        List<JsonNode> lines;
        try (var out = StandardOutput.capture()) {
            action.accept(metrics);
            lines = out.jsonLines();
        }

        assertThat(lines).hasSize(expected.size());
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i);
            EmfLines.assertValid(line);
            var want = expected.get(i);
            var directive = line.path("_aws").path("CloudWatchMetrics").get(0);
            assertThat(directive.path("Namespace").asText()).isEqualTo(want.namespace());
            assertThat(directive.path("Dimensions")).hasSize(1);
            assertThat(EmfLines.strings(directive.path("Dimensions").get(0)))
                    .containsExactlyElementsOf(want.dimensions().keySet());
            want.dimensions().forEach((name, value) -> assertThat(line.path(name).asText()).isEqualTo(value));
            List<Value> metricsOnLine = new ArrayList<>();
            for (var definition : directive.path("Metrics")) {
                var name = definition.path("Name").asText();
                metricsOnLine.add(new Value(name, definition.path("Unit").asText(), line.path(name).asDouble()));
            }
            // EMF gives metrics no order; Powertools writes them in its map's order, not the order they were added
            assertThat(metricsOnLine).containsExactlyInAnyOrderElementsOf(want.metrics());
            want.properties().forEach((name, value) -> assertThat(line.path(name).asText()).isEqualTo(value));
        }
    }
}
