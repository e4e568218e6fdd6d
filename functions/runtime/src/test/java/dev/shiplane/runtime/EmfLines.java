package dev.shiplane.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the embedded metric format's specification requires of a line
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html),
 * checked here rather than trusted to the library that writes it.
 */
final class EmfLines {

    /** The units the EMF specification allows. */
    static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
            "None");

    private EmfLines() {}

    /**
     * {@code _aws} with an integral {@code Timestamp} (epoch ms) and a non-empty {@code CloudWatchMetrics} array;
     * each directive a namespace, an array of dimension sets (≤ 30 names each), metric definitions with a name and a
     * valid unit; at the root, every dimension named as a string and every metric named as a number.
     */
    static void assertValid(JsonNode line) {
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
                var value = line.path(name.asText());
                assertThat(value.isNumber() || value.isArray())
                        .as("metric %s as a number (or values) at the root of %s", name, line).isTrue();
            }
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
