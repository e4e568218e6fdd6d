package dev.shiplane.core.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.canary.RolloutOutcome;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The log line of each rollback outcome is the text the rollback function has always logged. */
class RollbackOutcomeTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("an ignored trigger says why", new RollbackOutcome.Ignored("no service lists alarm x"),
                        "ignored: no service lists alarm x"),
                Arguments.of("a failure says why", new RollbackOutcome.Failed("no known-good revision"),
                        "failed: no known-good revision"),
                Arguments.of("a restore names the revision", new RollbackOutcome.Restored("arn:td/web:3"),
                        "rolled back to arn:td/web:3"),
                Arguments.of("a rollout's rollback is the step machine's line",
                        new RollbackOutcome.ByRollout(new RolloutOutcome.RolledBack("5xx")), "rolled back: 5xx"),
                Arguments.of("several services, each named, in order", new RollbackOutcome.PerService(List.of(
                                new RollbackOutcome.ServiceRollback("prod", "docs",
                                        new RollbackOutcome.Restored("arn:td/docs:1")),
                                new RollbackOutcome.ServiceRollback("prod", "web",
                                        new RollbackOutcome.Failed("nothing to roll back to")))),
                        "prod/docs rolled back to arn:td/docs:1; prod/web failed: nothing to roll back to"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void textIsTheLogLine(String description, RollbackOutcome outcome, String expected) {
        assertThat(outcome.text()).isEqualTo(expected);
    }
}
