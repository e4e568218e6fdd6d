package dev.shiplane.contract.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.contract.json.JsonValue.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordJsonTest {

    record Image(String repository, String digest) {}

    record Sample(String name, int step, long seconds, boolean enforced, Instant at, Image image, List<String> tags) {
        Sample {
            Objects.requireNonNull(name, "name is required");
        }
    }

    private static Sample read(String json) {
        return RecordJson.read((JsonObject) JsonParser.parse(json), Sample.class, "detail.");
    }

    @Test
    void writesComponentsInOrderLeavingNullsOut() {
        var sample = new Sample("web", 2, 120L, true, Instant.parse("2026-11-26T10:00:00Z"), new Image("monynha/web", null),
                List.of("1.4.2", "latest"));

        assertThat(JsonWriter.write(RecordJson.write(sample))).isEqualTo("{\"name\":\"web\",\"step\":2,\"seconds\":120,"
                + "\"enforced\":true,\"at\":\"2026-11-26T10:00:00Z\",\"image\":{\"repository\":\"monynha/web\"},"
                + "\"tags\":[\"1.4.2\",\"latest\"]}");
    }

    @Test
    void readsBackWhatItWrote() {
        var sample = new Sample("web", -3, Long.MAX_VALUE, false, Instant.parse("2026-11-26T10:00:00.123Z"),
                new Image("r", "sha256:0b1f"), List.of());

        assertThat(read(JsonWriter.write(RecordJson.write(sample)))).isEqualTo(sample);
    }

    @Test
    void absentMembersAreNullOrZeroAndUnknownOnesAreIgnored() {
        assertThat(read("{\"name\":\"web\",\"addedLater\":{\"x\":1},\"image\":null}"))
                .isEqualTo(new Sample("web", 0, 0L, false, null, null, null));
    }

    static Stream<Arguments> mismatches() {
        return Stream.of(
                Arguments.of("number for a string", "{\"name\":5}", "detail.name: expected a string, found number"),
                Arguments.of("string for a number", "{\"name\":\"w\",\"step\":\"2\"}",
                        "detail.step: expected a whole number, found string"),
                Arguments.of("fraction for an int", "{\"name\":\"w\",\"step\":2.5}", "detail.step: 2.5 is not a whole number in range"),
                Arguments.of("int overflow", "{\"name\":\"w\",\"step\":2147483648}",
                        "detail.step: 2147483648 is not a whole number in range"),
                Arguments.of("huge exponent", "{\"name\":\"w\",\"seconds\":1e999999999999}", "detail.seconds: 1e999999999999 is not"),
                Arguments.of("string for a boolean", "{\"name\":\"w\",\"enforced\":\"true\"}",
                        "detail.enforced: expected true or false, found string"),
                Arguments.of("not an instant", "{\"name\":\"w\",\"at\":\"yesterday\"}",
                        "detail.at: 'yesterday' is not an ISO-8601 instant"),
                Arguments.of("array for a record", "{\"name\":\"w\",\"image\":[]}", "detail.image: expected an object, found array"),
                Arguments.of("nested member", "{\"name\":\"w\",\"image\":{\"digest\":false}}",
                        "detail.image.digest: expected a string, found boolean"),
                Arguments.of("object for a list", "{\"name\":\"w\",\"tags\":{}}", "detail.tags: expected an array, found object"),
                Arguments.of("list element", "{\"name\":\"w\",\"tags\":[\"a\",1]}", "detail.tags.1: expected a string, found number"),
                Arguments.of("refused by the record", "{\"step\":1}", "name is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mismatches")
    void aMemberThatDoesNotFitIsNamed(String description, String json, String expected) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(expected);
    }

    record Unsupported(java.util.Map<String, String> labels) {}

    @Test
    void aComponentTypeWithoutAJsonFormIsAProgrammingError() {
        assertThatThrownBy(() -> RecordJson.write(new Unsupported(java.util.Map.of("a", "b"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no JSON form for java.util.");
    }

    enum Colour { BLUE, GREEN }

    record Timing(Colour colour, java.time.Duration bake) {}

    private static Timing timing(String json) {
        return RecordJson.read((JsonObject) JsonParser.parse(json), Timing.class, "");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "ISO-8601                | {\"bake\":\"PT5M\"}            | PT5M",
            "seconds, as first kept  | {\"bake\":300.000000000}         | PT5M",
            "fractional seconds      | {\"bake\":1.5}                   | PT1.5S",
            "negative seconds        | {\"bake\":-1.5}                  | PT-1.5S",
            "nanoseconds             | {\"bake\":0.000000001}           | PT0.000000001S"})
    void durationsReadFromTextOrSeconds(String description, String json, String expected) {
        assertThat(timing(json).bake()).isEqualTo(java.time.Duration.parse(expected));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "not ISO-8601         | {\"bake\":\"5 minutes\"}  | bake: \"5 minutes\" is not a duration",
            "beyond nanoseconds   | {\"bake\":1.0000000001}    | bake: 1.0000000001 is not a duration",
            "huge                 | {\"bake\":1e999999999}     | bake: 1e999999999 is not a duration",
            "boolean              | {\"bake\":true}            | bake: expected a duration, found boolean",
            "unknown constant     | {\"colour\":\"RED\"}      | colour: 'RED' is not one of [BLUE, GREEN]",
            "constant not text    | {\"colour\":1}             | colour: expected a string, found number"})
    void durationsAndEnumsThatDoNotFitAreNamed(String description, String json, String expected) {
        assertThatThrownBy(() -> timing(json)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(expected);
    }

    @Test
    void enumsAndDurationsAreWrittenAsText() {
        assertThat(JsonWriter.write(RecordJson.write(new Timing(Colour.GREEN, java.time.Duration.ofSeconds(90)))))
                .isEqualTo("{\"colour\":\"GREEN\",\"bake\":\"PT1M30S\"}");
    }
}
