package dev.shiplane.core.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The log line of each check attempt's outcome is the text the checks function has always logged. */
class CheckAttemptOutcomeTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("an ignored attempt says why", new CheckAttemptOutcome.Ignored("web does not run in dev"),
                        "ignored: web does not run in dev"),
                Arguments.of("a pass gives the evidence", new CheckAttemptOutcome.Passed("health: 200 in 20ms"),
                        "passed: health: 200 in 20ms"),
                Arguments.of("a retry says when, then the evidence",
                        new CheckAttemptOutcome.RetryScheduled(Instant.parse("2026-11-26T10:00:30Z"), 2,
                                "health: status 500, expected 200 (attempt 1 of 3)"),
                        "retry at 2026-11-26T10:00:30Z: health: status 500, expected 200 (attempt 1 of 3)"),
                Arguments.of("a failure gives the evidence",
                        new CheckAttemptOutcome.Failed("smoke: no longer declared for pre-traffic in shiplane.yml"),
                        "failed: smoke: no longer declared for pre-traffic in shiplane.yml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void textIsTheLogLine(String description, CheckAttemptOutcome outcome, String expected) {
        assertThat(outcome.text()).isEqualTo(expected);
    }
}
