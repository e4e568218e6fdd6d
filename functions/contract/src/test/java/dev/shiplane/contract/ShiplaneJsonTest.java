package dev.shiplane.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What the one mapper writes, and the table of what it refuses to read, each refusal naming where. */
class ShiplaneJsonTest {

    record Image(String repository, String digest) {}

    record Sample(String name, int step, long seconds, boolean enforced, Instant at, Image image, List<String> tags) {
        Sample {
            Objects.requireNonNull(name, "name is required");
        }

        /** Not a component: never written. */
        public String getDisplayName() {
            return "sample " + name;
        }
    }

    enum Colour { BLUE, GREEN }

    record Timing(Colour colour, Duration bake, Integer retries) {}

    private static Sample read(String json) {
        return ShiplaneJson.read(json, Sample.class, "detail");
    }

    @Test
    void writesComponentsInOrder_leavingNullsOut_instantsAndDurationsAsIso8601() {
        var sample = new Sample("web", 2, 120L, true, Instant.parse("2026-11-26T10:00:00Z"), new Image("monynha/web", null),
                List.of("1.4.2", "latest"));

        assertThat(ShiplaneJson.write(sample)).isEqualTo("{\"name\":\"web\",\"step\":2,\"seconds\":120,"
                + "\"enforced\":true,\"at\":\"2026-11-26T10:00:00Z\",\"image\":{\"repository\":\"monynha/web\"},"
                + "\"tags\":[\"1.4.2\",\"latest\"]}");
        assertThat(ShiplaneJson.write(new Timing(Colour.GREEN, Duration.ofSeconds(90), null)))
                .isEqualTo("{\"colour\":\"GREEN\",\"bake\":\"PT1M30S\"}");
    }

    @Test
    void readsBackWhatItWrote() {
        var sample = new Sample("web", -3, Long.MAX_VALUE, false, Instant.parse("2026-11-26T10:00:00.123Z"),
                new Image("r", "sha256:0b1f"), List.of());

        assertThat(read(ShiplaneJson.write(sample))).isEqualTo(sample);
    }

    @Test
    void absentMembersAreNullOrZero_explicitNullsToo_andUnknownOnesAreIgnored() {
        assertThat(read("{\"name\":\"web\",\"addedLater\":{\"x\":1},\"image\":null,\"step\":null}"))
                .isEqualTo(new Sample("web", 0, 0L, false, null, null, null));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("number for a string", "{\"name\":5}", "detail.name: expected a string, found number"),
                Arguments.of("object for a string", "{\"name\":{}}", "detail.name: expected a string, found object"),
                Arguments.of("string for a number", "{\"name\":\"w\",\"step\":\"2\"}",
                        "detail.step: expected a whole number, found string"),
                Arguments.of("fraction for an int", "{\"name\":\"w\",\"step\":2.5}",
                        "detail.step: 2.5 is not a whole number in range"),
                Arguments.of("int overflow", "{\"name\":\"w\",\"step\":2147483648}",
                        "detail.step: 2147483648 is not a whole number in range"),
                Arguments.of("long overflow", "{\"name\":\"w\",\"seconds\":9223372036854775808}",
                        "detail.seconds: 9223372036854775808 is not a whole number in range"),
                Arguments.of("huge exponent", "{\"name\":\"w\",\"seconds\":1e999999999}",
                        "detail.seconds: 1E+999999999 is not a whole number in range"),
                Arguments.of("string for a boolean", "{\"name\":\"w\",\"enforced\":\"true\"}",
                        "detail.enforced: expected true or false, found string"),
                Arguments.of("number for a boolean", "{\"name\":\"w\",\"enforced\":1}",
                        "detail.enforced: expected true or false, found number"),
                Arguments.of("not an instant", "{\"name\":\"w\",\"at\":\"yesterday\"}",
                        "detail.at: 'yesterday' is not an ISO-8601 instant"),
                Arguments.of("epoch seconds for an instant", "{\"name\":\"w\",\"at\":1795687200}",
                        "detail.at: expected an ISO-8601 instant, found number"),
                Arguments.of("epoch seconds as text for an instant", "{\"name\":\"w\",\"at\":\"1795687200\"}",
                        "detail.at: '1795687200' is not an ISO-8601 instant"),
                Arguments.of("array for a record", "{\"name\":\"w\",\"image\":[]}",
                        "detail.image: expected an object, found array"),
                Arguments.of("string for a record", "{\"name\":\"w\",\"image\":\"r@sha256:0b1f\"}",
                        "detail.image: expected an object, found string"),
                Arguments.of("nested member", "{\"name\":\"w\",\"image\":{\"digest\":false}}",
                        "detail.image.digest: expected a string, found boolean"),
                Arguments.of("object for a list", "{\"name\":\"w\",\"tags\":{}}",
                        "detail.tags: expected an array, found object"),
                Arguments.of("string for a list", "{\"name\":\"w\",\"tags\":\"latest\"}",
                        "detail.tags: expected an array, found string"),
                Arguments.of("list element", "{\"name\":\"w\",\"tags\":[\"a\",1]}",
                        "detail.tags.1: expected a string, found number"),
                Arguments.of("refused by the record", "{\"step\":1}", "detail: name is required"),
                Arguments.of("not an object", "[1]", "detail: expected an object, found array"),
                Arguments.of("null for the whole", "null", "detail: expected an object, found null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aMemberThatDoesNotFitIsNamed(String description, String json, String expected) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
    }

    private static Timing timing(String json) {
        return ShiplaneJson.read(json, Timing.class, "");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ISO-8601                | {\"bake\":\"PT5M\"}            | PT5M",
            "seconds, as first kept  | {\"bake\":300.000000000}         | PT5M",
            "whole seconds           | {\"bake\":300}                   | PT5M",
            "fractional seconds      | {\"bake\":1.5}                   | PT1.5S",
            "negative seconds        | {\"bake\":-1.5}                  | PT-1.5S",
            "nanoseconds             | {\"bake\":0.000000001}           | PT0.000000001S"})
    void durationsReadFromTextOrSeconds(String description, String json, String expected) {
        assertThat(timing(json).bake()).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not ISO-8601            | {\"bake\":\"5 minutes\"}  | bake: '5 minutes' is not a duration",
            "beyond nanoseconds      | {\"bake\":1.0000000001}    | bake: 1.0000000001 is not a duration",
            "huge                    | {\"bake\":1e999999999}     | bake: 1E+999999999 is not a duration",
            "boolean                 | {\"bake\":true}            | bake: expected a duration, found boolean",
            "unknown constant        | {\"colour\":\"RED\"}      | colour: 'RED' is not one of [BLUE, GREEN]",
            "constant in lower case  | {\"colour\":\"green\"}    | colour: 'green' is not one of [BLUE, GREEN]",
            "constant by its index   | {\"colour\":1}             | colour: expected a string, found number",
            "index as text           | {\"colour\":\"1\"}        | colour: '1' is not one of [BLUE, GREEN]",
            "boxed number as text    | {\"retries\":\"3\"}       | retries: expected a whole number, found string"})
    void durationsEnumsAndBoxedNumbersThatDoNotFitAreNamed(String description, String json, String expected) {
        assertThatThrownBy(() -> timing(json)).isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", "", "no content"),
                Arguments.of("blank", "  \n ", "no content"),
                Arguments.of("truncated object", "{\"a\": 1", "Unexpected end-of-input"),
                Arguments.of("truncated string", "{\"a\": \"x", "Unexpected end-of-input"),
                Arguments.of("missing colon", "{\"a\" 1}", "was expecting a colon to separate field name and value at line 1, column 6"),
                Arguments.of("unquoted name", "{a: 1}", "was expecting double-quote to start field name at line 1, column 2"),
                Arguments.of("single quotes", "{'a': 1}", "was expecting double-quote to start field name"),
                Arguments.of("trailing comma", "[1,]", "Unexpected character (']' (code 93)): expected a value at line 1, column 4"),
                Arguments.of("content after the document", "{} {}", "Trailing token"),
                Arguments.of("second line", "{\n  \"a\": tru\n}", "Unrecognized token 'tru'"),
                Arguments.of("leading zero", "01", "Leading zeroes not allowed"),
                Arguments.of("fraction without digits", "1.", "Decimal point not followed by a digit"),
                Arguments.of("raw newline in a string", "\"a\nb\"", "has to be escaped"),
                Arguments.of("unknown escape", "\"\\x\"", "Unrecognized character escape 'x'"),
                Arguments.of("unicode escape that is not hex", "\"\\u12zz\"", "expected a hex-digit"),
                Arguments.of("NaN", "[NaN]", "Non-standard token 'NaN'"),
                Arguments.of("comment", "{} // note", "maybe a (non-standard) comment"),
                Arguments.of("deep nesting", "[".repeat(1001) + "]".repeat(1001),
                        "Document nesting depth (1001) exceeds the maximum allowed (1000"),
                Arguments.of("overlong number", "1".repeat(1001),
                        "Number value length (1001) exceeds the maximum allowed (1000"),
                Arguments.of("exponent no decimal holds", "[1e999999999999]", "Too many nonzero exponent digits"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedDocumentsSayingWhereAndWhy(String description, String text, String expected) {
        assertThatThrownBy(() -> ShiplaneJson.tree(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining(expected);
    }

    @Test
    void malformedDocumentsSayTheLineAndColumnApart_forTextThatIsSecret() {
        assertThatThrownBy(() -> ShiplaneJson.tree("{\n  \"a\": tru\n}"))
                .isInstanceOfSatisfying(MalformedJsonException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(8);
                }).hasMessageEndingWith(" at line 2, column 8").hasMessageNotContaining("[Source");
    }

    @Test
    void nestingUpToTheLimitIsRead() {
        assertThat(ShiplaneJson.tree("[".repeat(1000) + "]".repeat(1000)).isArray()).isTrue();
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        assertThatThrownBy(() -> ShiplaneJson.tree(new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'}))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("Invalid UTF-8 middle byte 0x28");
        assertThat(ShiplaneJson.tree("\"é\"".getBytes(StandardCharsets.UTF_8)).asText()).isEqualTo("é");
    }

    @Test
    void aTreeKeepsNumbersAsWritten() {
        assertThat(ShiplaneJson.write(ShiplaneJson.tree("{\"bake\":300.000000000,\"n\":12}")))
                .isEqualTo("{\"bake\":300.000000000,\"n\":12}");
    }
}
