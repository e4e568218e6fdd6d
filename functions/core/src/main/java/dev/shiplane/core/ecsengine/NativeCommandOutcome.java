package dev.shiplane.core.ecsengine;

/**
 * What became of an operator's {@code promote} or {@code abort} for a service on ECS's engine. Callers and tests
 * switch on the case; {@link #text()} is only for the log line and the invocation's result.
 */
public sealed interface NativeCommandOutcome {

    String text();

    /**
     * Nothing to answer: no deployment of shiplane's under way, a promote with no approval waiting, or a pause or
     * resume (ECS's engine has neither).
     */
    record Ignored(String why) implements NativeCommandOutcome {
        public String text() {
            return "ignored: " + why;
        }
    }

    /** ECS was told to go on past the approval hook; {@code Rollout Resumed} names who approved. */
    record Approved(String deploymentId, String requestedBy) implements NativeCommandOutcome {
        public String text() {
            return "approved " + deploymentId + " for " + requestedBy;
        }
    }

    /** The approval ECS waited for was refused: ECS rolls the deployment back; {@code Deployment Aborted} says so. */
    record Refused(String deploymentId) implements NativeCommandOutcome {
        public String text() {
            return "approval refused: ECS rolls " + deploymentId + " back";
        }
    }

    /** The deployment under way was stopped: ECS rolls it back; {@code Deployment Aborted} says so. */
    record Stopped(String deploymentId) implements NativeCommandOutcome {
        public String text() {
            return "stopped: ECS rolls " + deploymentId + " back";
        }
    }
}
