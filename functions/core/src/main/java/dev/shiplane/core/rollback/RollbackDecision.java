package dev.shiplane.core.rollback;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.KnownGood;
import dev.shiplane.core.canary.Signal;

/** What a rollback trigger means for one service, decided by {@link RollbackPlanner}. */
public sealed interface RollbackDecision {

    /** Nothing to do: not shiplane's deployment, already rolled back, or an alarm after verification. */
    record Ignore(String why) implements RollbackDecision {}

    /** A progressive rollout is running: its step machine rolls back (traffic to the live colour first). */
    record RollbackRollout(Signal signal) implements RollbackDecision {}

    /** Point the service back at a known-good revision. */
    record Restore(Deployment bad, KnownGood to, String reason) implements RollbackDecision {}

    /** Cannot roll back: said loudly with {@code Rollback Failed}. */
    record Fail(String reason) implements RollbackDecision {}
}
