package dev.shiplane.core.deploy;

/** What became of a {@code Redeploy Requested}; {@link #text()} is only for the log line. */
public sealed interface RedeployOutcome {

    String text();

    /** The service does not run in the requested environment. */
    record Ignored(String why) implements RedeployOutcome {
        public String text() {
            return "ignored: " + why;
        }
    }

    /** This request was already handled; {@code Deployment Skipped} said so. */
    record Duplicate() implements RedeployOutcome {
        public String text() {
            return "skipped:duplicate";
        }
    }

    /** ECS restarts {@code ecsService} on its current revision. */
    record Restarted(String deploymentId, String ecsService, String requestedBy) implements RedeployOutcome {
        public String text() {
            return "restarted " + ecsService + " (" + requestedBy + ")";
        }
    }
}
