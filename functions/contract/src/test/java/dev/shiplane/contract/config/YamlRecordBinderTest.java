package dev.shiplane.contract.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.config.InvalidConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class YamlRecordBinderTest {

    record Doc(String name, Integer count, Boolean enabled, List<Integer> steps,
               @YamlRecordBinder.OneOrMany List<String> when, LinkedHashMap<String, Part> parts) {}

    record Part(String version, List<String> tags) {}

    @Test
    void bindsEveryShapeAsWritten() {
        var doc = YamlRecordBinder.bind("""
                name: web
                count: 3
                enabled: TRUE
                steps: [10, 25, 100]
                when: pre-traffic
                parts:
                  b: {version: 1.10, tags: [a, "b"]}
                  a:
                """, Doc.class, "t.yml");

        assertThat(doc.parts()).containsOnlyKeys("b", "a").containsEntry("a", null);
        assertThat(doc.parts().keySet()).as("the order written").containsExactly("b", "a");
        assertThat(doc.parts().get("b").version()).as("a scalar keeps its text, not the number 1.1").isEqualTo("1.10");
        assertThat(doc.name()).isEqualTo("web");
        assertThat(doc.count()).isEqualTo(3);
        assertThat(doc.enabled()).isTrue();
        assertThat(doc.steps()).containsExactly(10, 25, 100);
        assertThat(doc.when()).containsExactly("pre-traffic");
    }

    @Test
    void emptyDocumentsBindToNothing() {
        assertThat(YamlRecordBinder.bind("", Doc.class, "t.yml")).isNull();
        assertThat(YamlRecordBinder.bind("# only a comment\n", Doc.class, "t.yml")).isNull();
        assertThat(YamlRecordBinder.bind("~", Doc.class, "t.yml")).isNull();
    }

    @Test
    void aListStaysAList_whenOneOrManyIsGivenSeveral() {
        assertThat(YamlRecordBinder.bind("when: [a, b]", Doc.class, "t.yml").when()).containsExactly("a", "b");
    }

    static Stream<Arguments> misfits() {
        return Stream.of(
                Arguments.of("unknown key, with the known ones", "nam: web",
                        "t.yml: line 1: unknown key 'nam' (known: count, enabled, name, parts, steps, when)"),
                Arguments.of("unknown key deep down", "parts:\n  a: {version: '1', tag: [x]}",
                        "t.yml: line 2: unknown key 'parts.a.tag' (known: tags, version)"),
                Arguments.of("a scalar where a list belongs", "steps: banana",
                        "t.yml: line 1: steps: expected a list, found 'banana'"),
                Arguments.of("a word in a list of numbers", "steps: [10, ten]",
                        "t.yml: line 1: steps[1]: expected a whole number, found 'ten'"),
                Arguments.of("not a boolean", "enabled: maybe",
                        "t.yml: line 1: enabled: expected true or false, found 'maybe'"),
                Arguments.of("a mapping where a value belongs", "name: {first: web}",
                        "t.yml: line 1: name: expected a single value, found a mapping"),
                Arguments.of("a list where a mapping belongs", "parts: [a, b]",
                        "t.yml: line 1: parts: expected a mapping of keys to values, found a list"),
                Arguments.of("a document that is a list", "- a\n- b",
                        "t.yml: line 1: (top level): expected a mapping of keys to values, found a list"),
                Arguments.of("a key written twice", "name: web\nname: api",
                        "t.yml: line 2: duplicate key 'name'"),
                Arguments.of("a map key written twice", "parts:\n  a: {version: '1'}\n  a: {version: '2'}",
                        "t.yml: line 3: duplicate key 'parts.a'"),
                Arguments.of("broken YAML names its line", "name: web\nsteps: [10, 25\ncount: 3",
                        "t.yml: line "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misfits")
    void aMisfitIsRefusedWithItsLineAndPath(String description, String yaml, String message) {
        assertThatThrownBy(() -> YamlRecordBinder.bind(yaml, Doc.class, "t.yml"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(message);
    }
}
