package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeployEventPatternsTest {

    static Stream<Arguments> matchers() {
        return Stream.of(
                Arguments.of("repositories of one namespace share a prefix", List.of("monynha/web", "monynha/api"),
                        List.of(Map.of("prefix", "monynha/"))),
                Arguments.of("a repository without namespace is matched exactly", List.of("web"), List.of("web")),
                Arguments.of("namespaces sorted, exact names after", List.of("b/web", "solo", "a/api"),
                        List.of(Map.of("prefix", "a/"), Map.of("prefix", "b/"), "solo")),
                Arguments.of("nested namespaces keep their full path", List.of("org/team/web"),
                        List.of(Map.of("prefix", "org/team/"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matchers")
    void repositoryMatchers(String description, List<String> repositories, List<Object> expected) {
        assertThat(DeployEventPatterns.repositoryMatchers(repositories)).isEqualTo(expected);
    }
}
