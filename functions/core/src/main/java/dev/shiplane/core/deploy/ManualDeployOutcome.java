package dev.shiplane.core.deploy;

/** What became of an operator's {@code Deploy Requested}; {@link #text()} is only for the log line. */
public sealed interface ManualDeployOutcome {

    String text();

    /** The service does not run in the requested environment. */
    record Ignored(String why) implements ManualDeployOutcome {
        public String text() {
            return "ignored: " + why;
        }
    }

    /** No image with the requested tag or digest in the ledger or the registry; {@code Deployment Skipped} said so. */
    record NotFound() implements ManualDeployOutcome {
        public String text() {
            return "skipped:not-found";
        }
    }

    /** The image went down the deploy path; {@code outcome} is what it met there. */
    record Deployed(TargetOutcome outcome, String requestedBy) implements ManualDeployOutcome {
        public String text() {
            return outcome.result().text() + " (" + requestedBy + ")";
        }
    }
}
