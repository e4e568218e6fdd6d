package dev.shiplane.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;

/**
 * The DORA metrics as CloudWatch reads them: each is an embedded-metric-format line on standard output, checked
 * against the EMF specification's required fields (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/
 * CloudWatch_Embedded_Metric_Format_Specification.html).
 */
class PowertoolsDeliveryMetricsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream console;

    @BeforeEach
    void captureStandardOutput() {
        // Outside Lambda the EMF library would look for a CloudWatch agent; "Local" writes to standard output, as
        // Lambda's environment does.
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Local);
        console = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(console);
    }

    @Test
    void deploymentSucceeded_emitsDeploymentCountAndLeadTime_perEnvAndService() throws Exception {
        new PowertoolsDeliveryMetrics("shiplane").deploymentSucceeded("prod", "web", Duration.ofSeconds(251),
                Duration.ofMinutes(47));

        var lines = emfLines();
        assertThat(lines).hasSize(2);
        assertEmf(lines.get(0), "DeploymentCount", "Count", 1, "prod", "web");
        assertEmf(lines.get(1), "LeadTimeSeconds", "Seconds", 47 * 60, "prod", "web");
    }

    @Test
    void deploymentSucceededWithoutPushTime_emitsNoLeadTime() throws Exception {
        new PowertoolsDeliveryMetrics("shiplane").deploymentSucceeded("staging", "api", Duration.ofSeconds(9), null);

        var lines = emfLines();
        assertThat(lines).hasSize(1);
        assertEmf(lines.get(0), "DeploymentCount", "Count", 1, "staging", "api");
    }

    @Test
    void rolledBack_emitsChangeFailureAndTimeToRestore() throws Exception {
        new PowertoolsDeliveryMetrics("shiplane").rolledBack("staging", "api", "alarm", Duration.ofSeconds(93));

        var lines = emfLines();
        assertThat(lines).hasSize(2);
        assertEmf(lines.get(0), "ChangeFailureCount", "Count", 1, "staging", "api");
        assertEmf(lines.get(1), "TimeToRestoreSeconds", "Seconds", 93, "staging", "api");
    }

    List<JsonNode> emfLines() throws Exception {
        System.out.flush();
        List<JsonNode> lines = new ArrayList<>();
        for (var line : captured.toString(StandardCharsets.UTF_8).lines().toList()) {
            if (!line.startsWith("{")) continue;
            var node = JSON.readTree(line);
            if (node.has("_aws")) lines.add(node);
        }
        return lines;
    }

    /** The EMF specification's root object: _aws.Timestamp, one CloudWatchMetrics directive, values at the root. */
    static void assertEmf(JsonNode line, String metric, String unit, double value, String env, String service) {
        var aws = line.path("_aws");
        assertThat(aws.path("Timestamp").isIntegralNumber()).as("_aws.Timestamp (epoch millis) in %s", line).isTrue();
        assertThat(aws.path("Timestamp").asLong()).isPositive();
        var directives = aws.path("CloudWatchMetrics");
        assertThat(directives.isArray()).isTrue();
        assertThat(directives).hasSize(1);
        var directive = directives.get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("shiplane");
        var dimensionSets = directive.path("Dimensions");
        assertThat(dimensionSets.isArray()).isTrue();
        assertThat(dimensionSets).hasSize(1);
        List<String> keys = new ArrayList<>();
        dimensionSets.get(0).forEach(k -> keys.add(k.asText()));
        assertThat(keys).containsExactlyInAnyOrder("env", "service");
        var metrics = directive.path("Metrics");
        assertThat(metrics).hasSize(1);
        assertThat(metrics.get(0).path("Name").asText()).isEqualTo(metric);
        assertThat(metrics.get(0).path("Unit").asText()).isEqualTo(unit);
        // Every referenced member is present at the root: dimension values as strings, the metric as a number.
        assertThat(line.path("env").asText()).isEqualTo(env);
        assertThat(line.path("service").asText()).isEqualTo(service);
        assertThat(line.path(metric).isNumber()).as("%s at the root of %s", metric, line).isTrue();
        assertThat(line.path(metric).asDouble()).isEqualTo(value);
    }
}
