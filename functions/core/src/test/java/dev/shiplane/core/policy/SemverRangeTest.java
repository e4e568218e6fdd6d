package dev.shiplane.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemverRangeTest {

    static Stream<Arguments> precedence() {
        // The ordering example from semver.org section 11, in ascending order.
        return Stream.of(
                Arguments.of("1.0.0-alpha", "1.0.0-alpha.1"),
                Arguments.of("1.0.0-alpha.1", "1.0.0-alpha.beta"),
                Arguments.of("1.0.0-alpha.beta", "1.0.0-beta"),
                Arguments.of("1.0.0-beta", "1.0.0-beta.2"),
                Arguments.of("1.0.0-beta.2", "1.0.0-beta.11"),
                Arguments.of("1.0.0-beta.11", "1.0.0-rc.1"),
                Arguments.of("1.0.0-rc.1", "1.0.0"),
                Arguments.of("1.0.0", "1.0.1"),
                Arguments.of("1.9.0", "1.10.0"));
    }

    @ParameterizedTest(name = "{0} < {1}")
    @MethodSource("precedence")
    void ordersBySemverPrecedence(String lower, String higher) {
        var a = SemanticVersion.parse(lower).orElseThrow();
        var b = SemanticVersion.parse(higher).orElseThrow();
        assertThat(a).isLessThan(b);
        assertThat(b).isGreaterThan(a);
    }

    @ParameterizedTest(name = "''{0}'' is not a version")
    @ValueSource(strings = {"1.2", "01.2.3", "1.2.3-", "1.2.3-01", "latest", "", "1.2.3.4"})
    void rejectsNonVersions(String text) {
        assertThat(SemanticVersion.parse(text)).isEmpty();
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {">=banana", "1.2.3 <", ">=1.0.0 ~~2", ""})
    void badRangesNameTheProblem(String range) {
        assertThatThrownBy(() -> SemverRange.parse(range))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("semver range");
    }
}
