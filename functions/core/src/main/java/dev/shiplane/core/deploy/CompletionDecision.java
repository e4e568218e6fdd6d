package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.DeploymentStatus;

/** What an ECS deployment event means for the deployment shiplane started. */
public sealed interface CompletionDecision {

    record Ignore(String why) implements CompletionDecision {}

    /** The rollout ended: record the terminal status and announce it. */
    record Finish(DeploymentStatus status, String reason) implements CompletionDecision {}

    /** Already finished, but the announcement was lost; publish it now. */
    record Announce() implements CompletionDecision {}
}
