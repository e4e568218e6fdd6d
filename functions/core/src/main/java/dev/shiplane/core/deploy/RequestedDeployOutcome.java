package dev.shiplane.core.deploy;

import dev.shiplane.core.events.SkipReason;

/**
 * What became of a request to deploy: an operator's {@code Deploy Requested} (an image, found by tag or digest) or a
 * {@code Redeploy Requested} (the revision already running, restarted; from an operator or a secret rotation). Both
 * are ignored or skipped alike; they differ in what going ahead means: a requested image goes down the deploy path,
 * where it meets whatever a push would ({@link Deployed}), while a restart is handed to ECS directly
 * ({@link Restarted}). Callers and tests switch on the case; {@link #text()} is only for the log line.
 */
public sealed interface RequestedDeployOutcome {

    String text();

    /** The service does not run in the requested environment. */
    record Ignored(String why) implements RequestedDeployOutcome {
        public String text() {
            return "ignored: " + why;
        }
    }

    /**
     * Nothing deployed, and {@code Deployment Skipped} said why: {@link SkipReason#NOT_FOUND} for a deploy request
     * whose image is in neither the ledger nor the registry, {@link SkipReason#DUPLICATE} for a redeploy already
     * handled.
     */
    record Skipped(SkipReason reason) implements RequestedDeployOutcome {
        public String text() {
            return "skipped:" + reason.code();
        }
    }

    /** A deploy request: the image went down the deploy path; {@code outcome} is what it met there. */
    record Deployed(TargetOutcome outcome, String requestedBy) implements RequestedDeployOutcome {
        public String text() {
            return outcome.result().text() + " (" + requestedBy + ")";
        }
    }

    /** A redeploy: ECS restarts {@code ecsService} on its current revision, as deployment {@code deploymentId}. */
    record Restarted(String deploymentId, String ecsService, String requestedBy) implements RequestedDeployOutcome {
        public String text() {
            return "restarted " + ecsService + " (" + requestedBy + ")";
        }
    }
}
