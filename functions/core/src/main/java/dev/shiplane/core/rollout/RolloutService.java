package dev.shiplane.core.rollout;

import dev.shiplane.core.canary.AlarmSnapshot;
import dev.shiplane.core.canary.CanaryMachine;
import dev.shiplane.core.canary.Rollout;
import dev.shiplane.core.canary.RolloutAction;
import dev.shiplane.core.canary.RolloutOutcome;
import dev.shiplane.core.canary.RolloutPhase;
import dev.shiplane.core.canary.Signal;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.KnownGood;
import dev.shiplane.core.ledger.StableRevision;
import dev.shiplane.core.ledger.Ledger;
import dev.shiplane.core.ledger.StatusChange;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Use case: a signal for a progressive service's rollout (healthy, step due, alarm, operator request).
 *
 * <p>A transition is committed before it is carried out: the new rollout state and its actions go into the ledger
 * head together with a short lease, in one conditional write; then the actions run; then a second write clears them
 * and releases the lease. A crash in between leaves the actions pending, and the next invocation for the service
 * runs them again before anything else. Races resolve on the head's version: the loser fails and is retried on
 * fresh state, where its signal is usually stale and ignored.
 */
public final class RolloutService {

    private final ShiplaneConfig config;
    private final Ledger ledger;
    private final ActionRunner runner;
    private final AlarmReader alarms;
    private final Clock clock;

    public RolloutService(ShiplaneConfig config, Ledger ledger, RolloutExecutor executor, AlarmReader alarms,
                          Clock clock, Duration leaseTtl) {
        this.config = config;
        this.ledger = ledger;
        this.runner = new ActionRunner(ledger, executor, clock, leaseTtl);
        this.alarms = alarms;
        this.clock = clock;
    }

    public RolloutOutcome handle(Target target, Signal signal) {
        var state = ledger.serviceState(target.env(), target.serviceName());
        runner.requireFree(target, state);
        return handle(target, signal, runner.finishPending(target, state, signal.eventId()));
    }

    /**
     * {@link #handle(Target, Signal)} on a head the caller has just read, found free and finished the pending actions
     * of (the rollback function decides first whether the signal is the rollout's): one ledger read fewer.
     */
    public RolloutOutcome handle(Target target, Signal signal, dev.shiplane.core.ledger.ServiceState state) {
        var rollout = state.rollout();
        if (rollout == null) {
            return new RolloutOutcome.Ignored(target.env() + "/" + target.serviceName() + " has no rollout");
        }
        var gates = needsGates(rollout, signal) ? alarms.read(target.alarms()) : AlarmSnapshot.none();
        var now = clock.instant();
        var t = CanaryMachine.next(target.env(), target.serviceName(), rollout, signal, gates, now);
        if (!t.changes() && t.rollout().equals(rollout)) {
            return t.outcome();
        }
        List<RolloutAction> actions = new ArrayList<>(t.actions());
        var next = state.withRollout(t.rollout(), actions);
        StatusChange change = null;
        if (!t.rollout().phase().active()) {
            var status = statusOf(t.rollout().phase());
            change = new StatusChange(rollout.deploymentId(), status, t.rollout().reason(), now,
                    signal instanceof Signal.AlarmFired a ? a.alarmAt() : null);
            next = next.withStable(StableRevision.afterRollout(state.stableTaskDefinition(), t.rollout()));
            if (status == DeploymentStatus.SUCCEEDED) {
                // Promotion comes after a bake at 100% with quiet gates: the revision is known-good.
                next = next.withLive(rollout.canaryColour(), rollout.canaryTaskDefinition())
                        .withKnownGood(new KnownGood(rollout.deploymentId(), rollout.canaryTaskDefinition(),
                                rollout.image().digest(), now));
                // The promotions onwards need the config and the deployment record (its push id, what it changed),
                // which the machine does not see: they follow the machine's actions.
                ledger.deployment(target.env(), target.serviceName(), rollout.deploymentId())
                        .ifPresent(d -> actions.addAll(Promotions.after(config, target, d, now)));
                next = next.withRollout(t.rollout(), actions);
            }
            if (status == DeploymentStatus.ROLLED_BACK || status == DeploymentStatus.FAILED) {
                next = next.withQuarantine(rollout.image().digest(), true);
            }
        }
        runner.commitAndRun(target, state, next, signal.eventId(), change);
        return t.outcome();
    }

    /** Only a step check reads alarms; every other signal is decided from the ledger alone. */
    private static boolean needsGates(Rollout rollout, Signal signal) {
        return signal instanceof Signal.StepDue && rollout.phase() == RolloutPhase.SHIFTING && !rollout.paused();
    }

    static DeploymentStatus statusOf(RolloutPhase phase) {
        return switch (phase) {
            case PROMOTED -> DeploymentStatus.SUCCEEDED;
            case ABORTED -> DeploymentStatus.ABORTED;
            case ROLLED_BACK -> DeploymentStatus.ROLLED_BACK;
            case FAILED -> DeploymentStatus.FAILED;
            case SUPERSEDED -> DeploymentStatus.SUPERSEDED;
            case WAITING_FOR_HEALTHY, PRE_TRAFFIC_CHECKS, SHIFTING, POST_PROMOTION_CHECKS -> DeploymentStatus.STARTED;
        };
    }
}
