package dev.shiplane.core.deploy;

/** What a {@code Verification Due} did; {@link #text()} is only for the log line and the invocation's result. */
public sealed interface VerificationOutcome {

    String text();

    /** Nothing to verify: not the running deployment any more, already verified, or it did not succeed. */
    record Ignored(String why) implements VerificationOutcome {
        public String text() {
            return "ignored: " + why;
        }
    }

    /** The service's alarms were not quiet after the bake: the revision does not become known-good. */
    record NotVerified(String failure) implements VerificationOutcome {
        public String text() {
            return "not verified: " + failure;
        }
    }

    /** The revision is known-good now: a later rollback may return to it. */
    record Verified(String deploymentId) implements VerificationOutcome {
        public String text() {
            return "verified " + deploymentId;
        }
    }
}
