package dev.shiplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.cli.EntryRetries.Attempt;
import dev.shiplane.cli.EntryRetries.Next;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EntryRetriesTest {

    static Attempt answered(int status) {
        return new Attempt.Answered(status, Optional.empty());
    }

    static Attempt answered(int status, int retryAfterSeconds) {
        return new Attempt.Answered(status, Optional.of(Duration.ofSeconds(retryAfterSeconds)));
    }

    static Stream<Arguments> attempts() {
        return Stream.of(
                Arguments.of("accepted is final", answered(202), 1, 0, new Next.Done()),
                Arguments.of("handled before is final", answered(200), 1, 0, new Next.Done()),
                Arguments.of("shiplane's refusal is final", answered(403), 1, 0, new Next.Done()),
                Arguments.of("an invalid request stays invalid", answered(400), 1, 0, new Next.Done()),
                Arguments.of("Lambda's throttling (429) is not retried here", answered(429), 1, 0, new Next.Done()),
                Arguments.of("a 502 is retried after a second", answered(502), 1, 0,
                        new Next.RetryAfter(Duration.ofSeconds(1))),
                Arguments.of("the wait doubles", answered(503), 3, 3, new Next.RetryAfter(Duration.ofSeconds(4))),
                Arguments.of("no answer is retried", new Attempt.NoAnswer(), 2, 1,
                        new Next.RetryAfter(Duration.ofSeconds(2))),
                Arguments.of("a 409 waits as long as Retry-After says", answered(409, 12), 1, 0,
                        new Next.RetryAfter(Duration.ofSeconds(12))),
                Arguments.of("the last attempt gives up", answered(502), EntryRetries.ATTEMPTS, 7, new Next.GiveUp()),
                Arguments.of("a Retry-After past the total wait gives up", answered(409, 25), 2, 10,
                        new Next.GiveUp()),
                Arguments.of("a wait reaching the total exactly is still made", answered(409, 20), 2, 10,
                        new Next.RetryAfter(Duration.ofSeconds(20))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void decide(String description, Attempt attempt, int attemptNumber, int waitedSeconds, Next expected) {
        assertThat(EntryRetries.decide(attempt, attemptNumber, Duration.ofSeconds(waitedSeconds)))
                .isEqualTo(expected);
    }
}
