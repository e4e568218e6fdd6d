package dev.shiplane.contract.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.contract.json.JsonValue.JsonArray;
import dev.shiplane.contract.json.JsonValue.JsonBoolean;
import dev.shiplane.contract.json.JsonValue.JsonNull;
import dev.shiplane.contract.json.JsonValue.JsonNumber;
import dev.shiplane.contract.json.JsonValue.JsonObject;
import dev.shiplane.contract.json.JsonValue.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonParserTest {

    static Stream<Arguments> wellFormed() {
        return Stream.of(
                Arguments.of("empty object", "{}", new JsonObject(Map.of())),
                Arguments.of("empty array", " [ ] ", new JsonArray(List.of())),
                Arguments.of("string", "\"web\"", new JsonString("web")),
                Arguments.of("escapes", "\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude80\"",
                        new JsonString("a\"b\\c/d\n\té🚀")),
                Arguments.of("integer kept as written", "-0", new JsonNumber("-0")),
                Arguments.of("fraction and exponent", "12.50e+3", new JsonNumber("12.50e+3")),
                Arguments.of("literals", "[true,false,null]",
                        new JsonArray(List.of(new JsonBoolean(true), new JsonBoolean(false), JsonNull.NULL))),
                Arguments.of("nested", "{\"a\":{\"b\":[1]}}", new JsonObject(Map.of("a",
                        new JsonObject(Map.of("b", new JsonArray(List.of(new JsonNumber("1")))))))),
                Arguments.of("repeated name keeps the last", "{\"a\":1,\"a\":2}",
                        new JsonObject(Map.of("a", new JsonNumber("2")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormed")
    void readsWellFormedDocuments(String description, String text, JsonValue expected) {
        assertThat(JsonParser.parse(text)).isEqualTo(expected);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", "", "no content"),
                Arguments.of("blank", "  \n ", "no content"),
                Arguments.of("truncated object", "{\"a\": 1", "unexpected end of input, expected ',' or '}' at line 1, column 8"),
                Arguments.of("truncated string", "{\"a\": \"x", "unterminated string"),
                Arguments.of("missing colon", "{\"a\" 1}", "expected ':' but found '1' at line 1, column 6"),
                Arguments.of("unquoted name", "{a: 1}", "expected a member name in double quotes at line 1, column 2"),
                Arguments.of("trailing comma", "[1,]", "unexpected character ']' at line 1, column 4"),
                Arguments.of("content after the document", "{} {}", "unexpected content after the document at line 1, column 4"),
                Arguments.of("second line", "{\n  \"a\": tru\n}", "unexpected character 't' at line 2, column 8"),
                Arguments.of("leading zero", "01", "unexpected content after the document"),
                Arguments.of("bare minus", "-", "expected a digit"),
                Arguments.of("fraction without digits", "1.", "expected a digit after the decimal point"),
                Arguments.of("exponent without digits", "1e", "expected a digit in the exponent"),
                Arguments.of("raw newline in a string", "\"a\nb\"", "control character U+000A in a string"),
                Arguments.of("unknown escape", "\"\\x\"", "invalid escape \\x"),
                Arguments.of("unicode escape that is not hex", "\"\\u12zz\"", "invalid \\u escape"),
                Arguments.of("unicode escape cut short", "\"\\u12", "unterminated \\u escape"),
                Arguments.of("single quotes", "{'a': 1}", "expected a member name in double quotes"),
                Arguments.of("deep nesting", "[".repeat(JsonParser.MAX_DEPTH + 1) + "]".repeat(JsonParser.MAX_DEPTH + 1),
                        "nested deeper than 1000 levels"),
                Arguments.of("overlong number", "1".repeat(JsonParser.MAX_NUMBER_LENGTH + 1),
                        "a number longer than 1000 characters at line 1, column 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedDocumentsSayingWhereAndWhy(String description, String text, String expected) {
        assertThatThrownBy(() -> JsonParser.parse(text))
                .isInstanceOf(JsonSyntaxException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void nestingUpToTheLimitIsRead() {
        var depth = JsonParser.MAX_DEPTH;
        assertThat(JsonParser.parse("[".repeat(depth) + "]".repeat(depth))).isInstanceOf(JsonArray.class);
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        assertThatThrownBy(() -> JsonParser.parse(new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'}))
                .isInstanceOf(JsonSyntaxException.class).hasMessage("not UTF-8 text");
        assertThat(JsonParser.parse("\"é\"".getBytes(StandardCharsets.UTF_8))).isEqualTo(new JsonString("é"));
    }

    static Stream<Arguments> written() {
        return Stream.of(
                Arguments.of("{\"b\":1,\"a\":[true,null,\"x\"]}"),
                Arguments.of("\"quote \\\" backslash \\\\ newline \\n tab \\t control \\u0001 é\""),
                Arguments.of("[-1.5e-3,0,{}]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("written")
    void writingWhatWasReadGivesTheSameCompactText(String compact) {
        assertThat(JsonWriter.write(JsonParser.parse(compact))).isEqualTo(compact);
    }
}
