package dev.shiplane.core.deploy;

import dev.shiplane.core.events.SkipReason;

/**
 * What became of one push (or promotion, or scan result) for one target. Callers and tests switch on the case;
 * {@link #text()} is only for the log line and the invocation's result.
 */
public sealed interface DeployResult {

    /** The one-line text logged for this result ({@code started}, {@code skipped:policy}, …). */
    String text();

    /** A deployment was handed to ECS (a new one, or one a crashed invocation left part-way). */
    record Started() implements DeployResult {
        public String text() {
            return "started";
        }
    }

    /** The deployment was already done but its event had never been published; it is published now. */
    record Announced() implements DeployResult {
        public String text() {
            return "announced";
        }
    }

    /** Nothing deployed; {@code Deployment Skipped} says why. */
    record Skipped(SkipReason reason) implements DeployResult {
        public String text() {
            return "skipped:" + reason.code();
        }
    }

    /** Another invocation is changing the service; the event is retried once it is done. */
    record Busy(String why) implements DeployResult {
        public String text() {
            return "busy:" + why;
        }
    }

    /** Held by the scan gate until the image's scan reports (or the gate's timeout fires). */
    record AwaitingScan() implements DeployResult {
        public String text() {
            return "awaiting-scan";
        }
    }

    /** Refused by a gate ({@code scan}) before anything changed in AWS. */
    record Blocked(String gate) implements DeployResult {
        public String text() {
            return "blocked:" + gate;
        }
    }

    /** A report-only scan gate was told the scan of an image the environment already took. */
    record Reported() implements DeployResult {
        public String text() {
            return "reported";
        }
    }

    /**
     * The source side of a promotion passed and the target environment is another account's: {@code Promotion
     * Cleared} was published for that account's delivery stack, which deploys.
     */
    record Cleared(String toAccount) implements DeployResult {
        public String text() {
            return "cleared:" + toAccount;
        }
    }

    /** The event concerns nothing this use case acts on. */
    record Ignored(String why) implements DeployResult {
        public String text() {
            return "ignored: " + why;
        }
    }
}
