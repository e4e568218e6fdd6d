package dev.shiplane.core.ecsengine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The log line of each answer to an operator's command is the text the canary function has always logged. */
class NativeCommandOutcomeTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("an ignored command says why",
                        new NativeCommandOutcome.Ignored("no deployment by shiplane is under way"),
                        "ignored: no deployment by shiplane is under way"),
                Arguments.of("an approval names the deployment and who approved",
                        new NativeCommandOutcome.Approved("d-1", "user/ana"), "approved d-1 for user/ana"),
                Arguments.of("a refused approval says ECS rolls back", new NativeCommandOutcome.Refused("d-1"),
                        "approval refused: ECS rolls d-1 back"),
                Arguments.of("a stopped deployment says ECS rolls back", new NativeCommandOutcome.Stopped("d-1"),
                        "stopped: ECS rolls d-1 back"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void textIsTheLogLine(String description, NativeCommandOutcome outcome, String expected) {
        assertThat(outcome.text()).isEqualTo(expected);
    }
}
