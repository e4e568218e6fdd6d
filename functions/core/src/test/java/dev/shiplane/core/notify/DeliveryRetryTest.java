package dev.shiplane.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.notify.ChatWebhook.Outcome;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeliveryRetryTest {

    static final DeliveryRetry.Limits LIMITS = DeliveryRetry.Limits.DEFAULT;

    static Stream<Arguments> outcomes() {
        return Stream.of(
                row("delivered: done", new Outcome.Delivered(), 1, 0, "Done"),
                row("429 with Retry-After 1s: wait that long", new Outcome.RateLimited(Duration.ofSeconds(1)), 1, 0,
                        "Retry PT1S"),
                row("429 without Retry-After: back off", new Outcome.RateLimited(null), 1, 0, "Retry PT0.5S"),
                row("429 asking for longer than we wait here: give up for this invocation",
                        new Outcome.RateLimited(Duration.ofSeconds(30)), 1, 0, "GiveUp"),
                row("5xx on the first attempt: back off 500 ms", new Outcome.Unavailable("503"), 1, 0, "Retry PT0.5S"),
                row("5xx on the second attempt: back off 1 s", new Outcome.Unavailable("503"), 2, 600, "Retry PT1S"),
                row("5xx on the last attempt: give up", new Outcome.Unavailable("503"), 3, 1600, "GiveUp"),
                row("a retry that would end past the budget is not made", new Outcome.RateLimited(Duration.ofSeconds(3)),
                        2, 8000, "GiveUp"),
                row("404 (revoked URL): drop, no retry can help", new Outcome.Rejected(404, "no_service"), 1, 0,
                        "Drop"),
                row("400 (bad payload): drop", new Outcome.Rejected(400, "invalid_blocks"), 2, 600, "Drop"),
                row("no URL configured: drop", new Outcome.NotConfigured("placeholder"), 1, 0, "Drop"));
    }

    static Arguments row(String name, Outcome outcome, int attempt, long elapsedMillis, String expected) {
        return Arguments.of(name, outcome, attempt, elapsedMillis, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    void decides(String name, Outcome outcome, int attempt, long elapsedMillis, String expected) {
        var next = DeliveryRetry.next(outcome, attempt, Duration.ofMillis(elapsedMillis), LIMITS);

        var text = switch (next) {
            case DeliveryRetry.Next.Done d -> "Done";
            case DeliveryRetry.Next.Retry r -> "Retry " + r.after();
            case DeliveryRetry.Next.Drop d -> "Drop";
            case DeliveryRetry.Next.GiveUp g -> "GiveUp";
        };
        assertThat(text).isEqualTo(expected);
    }
}
