package dev.shiplane.contract.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.contract.json.JsonValue.JsonNumber;
import dev.shiplane.contract.json.JsonValue.JsonString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonPointerTest {

    private static final JsonValue DOCUMENT = JsonParser.parse(
            "{\"status\":\"ok\",\"checks\":[{\"name\":\"db\",\"ms\":12}],\"a/b\":1,\"m~n\":2,\"\":3}");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "/status          | \"ok\"",
            "/checks/0/name   | \"db\"",
            "/checks/0/ms     | 12",
            "/a~1b            | 1",
            "/m~0n            | 2",
            "/                | 3",
            "/checks/1        | none",
            "/checks/01       | none",
            "/checks/x        | none",
            "/status/deeper   | none",
            "/absent          | none"})
    void findsWhatThePointerNames(String pointer, String expected) {
        var found = JsonPointer.find(DOCUMENT, pointer);
        assertThat(found == null ? null : JsonWriter.write(found)).isEqualTo(expected);
    }

    @Test
    void theEmptyPointerIsTheWholeDocumentAndOthersMustStartWithASlash() {
        assertThat(JsonPointer.find(new JsonNumber("1"), "")).isEqualTo(new JsonNumber("1"));
        assertThatThrownBy(() -> JsonPointer.find(new JsonString("x"), "status"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("starts with '/'");
    }
}
