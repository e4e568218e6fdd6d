package dev.shiplane.core.notify;

import dev.shiplane.core.notify.ChatWebhook.Outcome;
import java.time.Duration;

/**
 * What to do after an attempt to post: done, try again after a delay, drop the message, or give up for this
 * invocation (the function then fails, and EventBridge's retries and dead-letter queue take over).
 *
 * <p>Rate limits honour {@code Retry-After} up to {@link Limits#maxRetryAfter}; other transient failures back off
 * exponentially from {@link Limits#backoff}. A retry that would end after {@link Limits#budget} is not attempted.
 */
public final class DeliveryRetry {

    /**
     * @param attempts      attempts per invocation, the first included
     * @param backoff       delay before the second attempt; doubled for each one after
     * @param maxRetryAfter a longer {@code Retry-After} is not waited for in this invocation (give up instead)
     * @param budget        total time the attempts and pauses of one invocation may take
     */
    public record Limits(int attempts, Duration backoff, Duration maxRetryAfter, Duration budget) {
        /** 3 attempts, 500 ms then 1 s apart, Retry-After up to 3 s, 10 s in all (the function has 30 s). */
        public static final Limits DEFAULT = new Limits(3, Duration.ofMillis(500), Duration.ofSeconds(3),
                Duration.ofSeconds(10));
    }

    /** The decision after one attempt. */
    public sealed interface Next {
        record Done() implements Next {}

        record Retry(Duration after) implements Next {}

        /** Sending again cannot help; the message is dropped (and logged). */
        record Drop(String why) implements Next {}

        /** Could help later, but not within this invocation. */
        record GiveUp(String why) implements Next {}
    }

    private DeliveryRetry() {}

    /**
     * @param attempt 1-based number of the attempt that came to {@code outcome}
     * @param elapsed time spent since the first attempt began
     */
    public static Next next(Outcome outcome, int attempt, Duration elapsed, Limits limits) {
        return switch (outcome) {
            case Outcome.Delivered d -> new Next.Done();
            case Outcome.NotConfigured n -> new Next.Drop(n.why());
            case Outcome.Rejected r -> new Next.Drop("rejected with " + r.status() + ": " + r.why());
            case Outcome.RateLimited r -> {
                if (r.retryAfter() != null && r.retryAfter().compareTo(limits.maxRetryAfter()) > 0) {
                    yield new Next.GiveUp("rate limited; Retry-After " + r.retryAfter().toSeconds() + "s is beyond "
                            + limits.maxRetryAfter().toSeconds() + "s");
                }
                yield retry(r.retryAfter() != null ? r.retryAfter() : backoff(attempt, limits), "rate limited",
                        attempt, elapsed, limits);
            }
            case Outcome.Unavailable u -> retry(backoff(attempt, limits), u.why(), attempt, elapsed, limits);
        };
    }

    private static Next retry(Duration delay, String why, int attempt, Duration elapsed, Limits limits) {
        if (attempt >= limits.attempts()) {
            return new Next.GiveUp(why + " (" + attempt + " attempts)");
        }
        if (elapsed.plus(delay).compareTo(limits.budget()) > 0) {
            return new Next.GiveUp(why + " (retrying after " + delay.toMillis() + " ms would exceed the "
                    + limits.budget().toSeconds() + "s budget)");
        }
        return new Next.Retry(delay);
    }

    private static Duration backoff(int attempt, Limits limits) {
        return limits.backoff().multipliedBy(1L << (attempt - 1));
    }
}
