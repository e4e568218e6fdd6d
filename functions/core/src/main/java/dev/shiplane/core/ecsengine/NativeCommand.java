package dev.shiplane.core.ecsengine;

import dev.shiplane.core.ledger.PendingApproval;
import dev.shiplane.core.ledger.Deployment;

/** What an operator's {@code promote} or {@code abort} means for a deployment ECS's engine runs. */
public sealed interface NativeCommand {

    /** Let the deployment waiting at its approval hook go on. */
    record Approve(Deployment deployment, PendingApproval approval) implements NativeCommand {}

    /** Refuse the approval it waits for: ECS rolls it back. */
    record Refuse(Deployment deployment, PendingApproval approval) implements NativeCommand {}

    /** Stop the deployment under way: ECS rolls it back. */
    record Stop(Deployment deployment) implements NativeCommand {}

    record Ignore(String why) implements NativeCommand {}
}
