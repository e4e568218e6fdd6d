package dev.shiplane.core.healthcheck;

import java.time.Instant;

/**
 * What became of one {@code Health Check Due}. Callers and tests switch on the case; {@link #text()} is only for the
 * log line and the invocation's result.
 */
public sealed interface CheckAttemptOutcome {

    String text();

    /** Not a check to run: an unknown phase, or a service that does not run in the environment. */
    record Ignored(String why) implements CheckAttemptOutcome {
        public String text() {
            return "ignored: " + why;
        }
    }

    /** The check passed; {@code Gate Passed} carries the evidence. */
    record Passed(String evidence) implements CheckAttemptOutcome {
        public String text() {
            return "passed: " + evidence;
        }
    }

    /** This attempt failed with attempts left: attempt {@code nextAttempt} is scheduled for {@code at}. */
    record RetryScheduled(Instant at, int nextAttempt, String evidence) implements CheckAttemptOutcome {
        public String text() {
            return "retry at " + at + ": " + evidence;
        }
    }

    /**
     * The last attempt failed, or the check is no longer declared (which cannot pass); {@code Gate Failed} carries
     * the evidence.
     */
    record Failed(String evidence) implements CheckAttemptOutcome {
        public String text() {
            return "failed: " + evidence;
        }
    }
}
