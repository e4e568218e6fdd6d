package dev.shiplane.core.canary;

import dev.shiplane.core.gate.HttpCheck;
import java.util.List;

/**
 * What one signal did to a rollout, decided by {@link CanaryMachine}. Callers and tests switch on the case;
 * {@link #text()} is only for the log line and the invocation's result.
 */
public sealed interface RolloutOutcome {

    String text();

    /** The signal does not apply to the rollout now (stale, another deployment's, already done). */
    record Ignored(String why) implements RolloutOutcome {
        public String text() {
            return "ignored: " + why;
        }
    }

    /** Traffic moved to step {@code step} of {@code steps}: {@code weight} percent on {@code colour}. */
    record Shifted(int step, int steps, int weight, Colour colour) implements RolloutOutcome {
        public String text() {
            return "step " + step + "/" + steps + ": " + weight + "% on " + colour.code();
        }
    }

    /** The checks of a phase were asked for: before any traffic, or with all of it on the new colour. */
    record ChecksStarted(HttpCheck.Phase phase, List<String> checks, Colour canary, Colour stable)
            implements RolloutOutcome {
        public ChecksStarted {
            checks = List.copyOf(checks);
        }

        public String text() {
            return phase.code() + " checks: " + String.join(", ", checks) + (phase == HttpCheck.Phase.PRE_TRAFFIC
                    ? " against " + canary.code() + " alone, no traffic yet"
                    : " with all traffic on " + canary.code() + ", " + stable.code() + " still running");
        }
    }

    /** One check of the phase passed; the others are still out. */
    record CheckPassed(HttpCheck.Phase phase, String check, List<String> waitingFor) implements RolloutOutcome {
        public CheckPassed {
            waitingFor = List.copyOf(waitingFor);
        }

        public String text() {
            return phase.code() + " check " + check + " passed; waiting for " + String.join(", ", waitingFor);
        }
    }

    /** The new colour baked at 100% with quiet gates and passing checks: it is live. */
    record Promoted(Colour live) implements RolloutOutcome {
        public String text() {
            return "promoted: " + live.code() + " is live";
        }
    }

    /**
     * An operator promoted it. {@code checksSkipped}: post-promotion checks it did not wait for (promoted during
     * them); {@code checksRunning}: the remaining steps were skipped, but the post-promotion checks still decide.
     */
    record PromotedOnRequest(String requestedBy, List<String> checksSkipped, boolean checksRunning)
            implements RolloutOutcome {
        public PromotedOnRequest {
            checksSkipped = List.copyOf(checksSkipped);
        }

        public String text() {
            return "promoted on request of " + requestedBy + (!checksSkipped.isEmpty()
                    ? " without waiting for " + String.join(", ", checksSkipped)
                    : checksRunning ? "; post-promotion checks running" : "");
        }
    }

    record Paused(int weight) implements RolloutOutcome {
        public String text() {
            return "paused at " + weight + "%";
        }
    }

    record Resumed(int weight) implements RolloutOutcome {
        public String text() {
            return "resumed at " + weight + "%";
        }
    }

    /** Ended before traffic reached the new colour, or by an operator: traffic stays on the live colour. */
    record Aborted(String reason) implements RolloutOutcome {
        public String text() {
            return "aborted: " + reason;
        }
    }

    /** ECS reported the new colour's deployment failed. */
    record Failed(String reason) implements RolloutOutcome {
        public String text() {
            return "failed: " + reason;
        }
    }

    /** Traffic went back to the live colour (an alarm, a failed post-promotion check, an operator). */
    record RolledBack(String reason) implements RolloutOutcome {
        public String text() {
            return "rolled back: " + reason;
        }
    }

    /** A newer deployment of the service replaced this rollout. */
    record Superseded(String byDeploymentId) implements RolloutOutcome {
        public String text() {
            return "superseded by " + byDeploymentId;
        }
    }
}
