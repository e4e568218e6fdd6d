package dev.shiplane.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.settings.ColourSizing.Resize;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ColourSizingTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("a new stack: both colours at CloudFormation's one task", 3, 1, 1, false,
                        List.of(new Resize("api-blue", 1, 3), new Resize("api-green", 1, 0))),
                Arguments.of("already sized: nothing", 3, 3, 0, false, List.of()),
                Arguments.of("count changed in the stack: the live colour follows", 2, 3, 0, false,
                        List.of(new Resize("api-blue", 3, 2))),
                Arguments.of("a rollout under way sizes the colours itself", 3, 1, 1, true, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void sizes(String rule, int configured, int live, int idle, boolean rolloutUnderWay, List<Resize> expected) {
        assertThat(ColourSizing.plan(configured, "api-blue", live, "api-green", idle, rolloutUnderWay))
                .isEqualTo(expected);
    }
}
