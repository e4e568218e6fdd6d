package dev.shiplane.cli;

import java.time.Duration;
import java.util.Optional;

/**
 * When the CLI sends a request to the operator entry again, with the same request id: after a 5xx (Lambda's 502
 * when the function failed, 503, 504), after the entry did not answer (an I/O error or timeout), and after a 409
 * (the request is still being carried out by an earlier attempt), honouring {@code Retry-After}. The request id makes
 * a retry safe: the entry carries a request out at most once and answers a repeat with the first outcome. Bounded,
 * because a person waits: at most {@value #ATTEMPTS} attempts and {@link #MAX_TOTAL_WAIT} of waiting in all.
 */
final class EntryRetries {

    static final int ATTEMPTS = 4;
    static final Duration MAX_TOTAL_WAIT = Duration.ofSeconds(30);
    /** The first wait when the entry names none; doubled each attempt. */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    /** What happened to one attempt: an answer (status, its Retry-After if any), or no answer at all. */
    sealed interface Attempt {
        record Answered(int status, Optional<Duration> retryAfter) implements Attempt {}

        record NoAnswer() implements Attempt {}
    }

    /** What to do next. */
    sealed interface Next {
        /** The answer stands: print it (a final answer, or a failure retrying would not change). */
        record Done() implements Next {}

        record RetryAfter(Duration delay) implements Next {}

        /** Worth retrying, but the attempts or the wait allowed are spent: the operator retries with the id. */
        record GiveUp() implements Next {}
    }

    /** How the CLI waits between attempts: a real sleep, or in tests a record of the waits. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration wait) throws InterruptedException;
    }

    private EntryRetries() {}

    /**
     * @param attempt what the attempt numbered {@code attemptNumber} (from 1) got
     * @param waited  how long this command has waited between attempts so far
     */
    static Next decide(Attempt attempt, int attemptNumber, Duration waited) {
        if (!retryable(attempt)) return new Next.Done();
        var wait = attempt instanceof Attempt.Answered a && a.retryAfter().isPresent() ? a.retryAfter().get()
                : FIRST_BACKOFF.multipliedBy(1L << (attemptNumber - 1));
        if (attemptNumber >= ATTEMPTS || waited.plus(wait).compareTo(MAX_TOTAL_WAIT) > 0) return new Next.GiveUp();
        return new Next.RetryAfter(wait);
    }

    private static boolean retryable(Attempt attempt) {
        return switch (attempt) {
            case Attempt.NoAnswer n -> true;
            case Attempt.Answered a -> a.status() >= 500 || a.status() == 409;
        };
    }
}
