package dev.shiplane.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    static Stream<Arguments> values() {
        var ordered = new LinkedHashMap<String, Object>();
        ordered.put("z", 1);
        ordered.put("a", List.of(true, "x"));
        return Stream.of(
                Arguments.of("quotes and backslashes are escaped", "say \"hi\" \\ bye", "\"say \\\"hi\\\" \\\\ bye\""),
                Arguments.of("newlines, returns and tabs are escaped", "a\nb\rc\td", "\"a\\nb\\rc\\td\""),
                Arguments.of("other control characters become \\u escapes", "bell\u0007nul\u0000esc\u001b",
                        "\"bell\\u0007nul\\u0000esc\\u001b\""),
                Arguments.of("non-ASCII text is kept as is", "déploiement ✓", "\"déploiement ✓\""),
                Arguments.of("an int", 42, "42"),
                Arguments.of("a long beyond an int", 1_767_225_600_000L, "1767225600000"),
                Arguments.of("a whole double is written as an integer", 2820.0, "2820"),
                Arguments.of("a fractional double keeps its fraction", 0.25, "0.25"),
                Arguments.of("a negative fraction", -1.5, "-1.5"),
                Arguments.of("an object keeps insertion order", ordered, "{\"z\":1,\"a\":[true,\"x\"]}"),
                Arguments.of("an empty object", Map.of(), "{}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void writes(String rule, Object value, String json) {
        assertThat(Json.write(value)).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0} is not a JSON number")
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteNumbers_areRefused(double value) {
        assertThatThrownBy(() -> Json.write(value)).isInstanceOf(IllegalArgumentException.class);
    }
}
