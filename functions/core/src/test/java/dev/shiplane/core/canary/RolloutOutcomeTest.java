package dev.shiplane.core.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.gate.HttpCheck;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The log line of each rollout outcome is the text the canary and rollback functions have always logged. */
class RolloutOutcomeTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("an ignored signal says why", new RolloutOutcome.Ignored("already healthy"),
                        "ignored: already healthy"),
                Arguments.of("a shift names the step, the weight and the colour",
                        new RolloutOutcome.Shifted(2, 3, 50, Colour.GREEN), "step 2/3: 50% on green"),
                Arguments.of("pre-traffic checks run against the new colour alone",
                        new RolloutOutcome.ChecksStarted(HttpCheck.Phase.PRE_TRAFFIC, List.of("health", "smoke"),
                                Colour.GREEN, Colour.BLUE),
                        "pre-traffic checks: health, smoke against green alone, no traffic yet"),
                Arguments.of("post-promotion checks run with the old colour still up",
                        new RolloutOutcome.ChecksStarted(HttpCheck.Phase.POST_PROMOTION, List.of("health"),
                                Colour.GREEN, Colour.BLUE),
                        "post-promotion checks: health with all traffic on green, blue still running"),
                Arguments.of("a passing check names those still out",
                        new RolloutOutcome.CheckPassed(HttpCheck.Phase.PRE_TRAFFIC, "health", List.of("smoke")),
                        "pre-traffic check health passed; waiting for smoke"),
                Arguments.of("a promotion names the live colour", new RolloutOutcome.Promoted(Colour.BLUE),
                        "promoted: blue is live"),
                Arguments.of("a promotion on request",
                        new RolloutOutcome.PromotedOnRequest("ops", List.of(), false), "promoted on request of ops"),
                Arguments.of("a promotion on request during the checks names those not waited for",
                        new RolloutOutcome.PromotedOnRequest("ops", List.of("smoke"), false),
                        "promoted on request of ops without waiting for smoke"),
                Arguments.of("a promotion on request that leaves the checks to decide",
                        new RolloutOutcome.PromotedOnRequest("ops", List.of(), true),
                        "promoted on request of ops; post-promotion checks running"),
                Arguments.of("a pause names the weight", new RolloutOutcome.Paused(10), "paused at 10%"),
                Arguments.of("a resume names the weight", new RolloutOutcome.Resumed(10), "resumed at 10%"),
                Arguments.of("an abort says why", new RolloutOutcome.Aborted("late"), "aborted: late"),
                Arguments.of("a failure says why", new RolloutOutcome.Failed("tasks failed"), "failed: tasks failed"),
                Arguments.of("a rollback says why", new RolloutOutcome.RolledBack("gate failed: 5xx"),
                        "rolled back: gate failed: 5xx"),
                Arguments.of("a superseded rollout names its successor", new RolloutOutcome.Superseded("d-2"),
                        "superseded by d-2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void textIsTheLogLine(String description, RolloutOutcome outcome, String expected) {
        assertThat(outcome.text()).isEqualTo(expected);
    }
}
