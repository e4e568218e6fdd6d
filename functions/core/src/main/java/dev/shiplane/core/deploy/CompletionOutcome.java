package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.canary.RolloutOutcome;

/**
 * What an {@code ECS Deployment State Change} did to the deployment shiplane started; {@link #text()} is only for
 * the log line and the invocation's result.
 */
public sealed interface CompletionOutcome {

    String text();

    /** Not a deployment shiplane is waiting on (another service, an event already handled, a non-final state). */
    record Ignored(String why) implements CompletionOutcome {
        public String text() {
            return "ignored: " + why;
        }
    }

    /** The deployment ended with {@code status}, recorded and announced. */
    record Finished(DeploymentStatus status) implements CompletionOutcome {
        public String text() {
            return status.code();
        }
    }

    /** It had ended before but its announcement was lost; it is announced now. */
    record Announced(DeploymentStatus status) implements CompletionOutcome {
        public String text() {
            return "announced " + status.code();
        }
    }

    /** The event was a progressive rollout's new colour: the step machine took it as a signal. */
    record ByRollout(RolloutOutcome outcome) implements CompletionOutcome {
        public String text() {
            return outcome.text();
        }
    }
}
