package dev.shiplane.core.rollout;

import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.deploy.DeploymentStatus;
import dev.shiplane.core.deploy.ServiceBusyException;
import dev.shiplane.core.deploy.ServiceState;
import dev.shiplane.core.ports.AlarmReader;
import dev.shiplane.core.ports.Ledger;
import dev.shiplane.core.ports.StatusChange;
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
    private final RolloutExecutor executor;
    private final AlarmReader alarms;
    private final Clock clock;
    private final Duration leaseTtl;

    public RolloutService(ShiplaneConfig config, Ledger ledger, RolloutExecutor executor, AlarmReader alarms,
                          Clock clock, Duration leaseTtl) {
        this.config = config;
        this.ledger = ledger;
        this.executor = executor;
        this.alarms = alarms;
        this.clock = clock;
        this.leaseTtl = leaseTtl;
    }

    /** @return one line saying what happened, for the invocation result and the log */
    public String handle(Target target, Signal signal) {
        var state = ledger.serviceState(target.env(), target.serviceName());
        // Any live lease means actions are being carried out right now, possibly for this very event delivered twice.
        if (state.leaseOwner() != null && clock.instant().isBefore(state.leaseExpiresAt())) {
            throw new ServiceBusyException(target.env() + "/" + target.serviceName() + " is held by "
                    + state.leaseOwner() + " until " + state.leaseExpiresAt());
        }
        state = finishPending(target, state, signal.eventId());
        var rollout = state.rollout();
        if (rollout == null) {
            return "ignored: " + target.env() + "/" + target.serviceName() + " has no rollout";
        }
        var gates = needsGates(rollout, signal) ? alarms.read(target.alarms()) : AlarmSnapshot.none();
        var now = clock.instant();
        var t = CanaryMachine.next(target.env(), target.serviceName(), rollout, signal, gates, now);
        if (!t.changes()) {
            return t.outcome();
        }
        List<RolloutAction> actions = new ArrayList<>(t.actions());
        var next = state.withRollout(t.rollout(), actions);
        StatusChange change = null;
        if (!t.rollout().phase().active()) {
            var status = statusOf(t.rollout().phase());
            change = new StatusChange(rollout.deploymentId(), status, t.rollout().reason(), now);
            if (status == DeploymentStatus.SUCCEEDED) {
                next = next.withLive(rollout.canaryColour(), rollout.canaryTaskDefinition());
                ledger.deployment(target.env(), target.serviceName(), rollout.deploymentId())
                        .ifPresent(d -> actions.addAll(Promotions.after(config, target, d, now)));
                next = next.withRollout(t.rollout(), actions);
            }
        }
        var leased = next.leasedTo(signal.eventId(), now.plus(leaseTtl));
        ledger.commit(leased, state.version(), change);
        carryOut(target, leased, t.rollout(), actions);
        return t.outcome();
    }

    /**
     * Runs committed actions under the lease, then clears them. On failure the lease is released but the actions
     * stay pending, so the retry (or the next signal) finishes them first instead of waiting for the lease to expire.
     */
    private ServiceState carryOut(Target target, ServiceState leased, Rollout rollout, List<RolloutAction> actions) {
        try {
            executor.execute(target, rollout, actions);
        } catch (RuntimeException failure) {
            try {
                ledger.commit(leased.released(), leased.version(), null);
            } catch (RuntimeException releaseFailure) {
                failure.addSuppressed(releaseFailure); // the lease then simply expires
            }
            throw failure;
        }
        var cleared = leased.withRollout(rollout, List.of()).released();
        ledger.commit(cleared, leased.version(), null);
        return cleared;
    }

    /** Only a step check reads alarms; every other signal is decided from the ledger alone. */
    private static boolean needsGates(Rollout rollout, Signal signal) {
        return signal instanceof Signal.StepDue && rollout.phase() == RolloutPhase.SHIFTING && !rollout.paused();
    }

    /** Runs the actions a crashed invocation committed but may not have finished. */
    private ServiceState finishPending(Target target, ServiceState state, String owner) {
        if (state.pending().isEmpty()) {
            return state;
        }
        var leased = state.leasedTo(owner, clock.instant().plus(leaseTtl));
        ledger.commit(leased, state.version(), null);
        return carryOut(target, leased, state.rollout(), state.pending());
    }

    static DeploymentStatus statusOf(RolloutPhase phase) {
        return switch (phase) {
            case PROMOTED -> DeploymentStatus.SUCCEEDED;
            case ABORTED -> DeploymentStatus.ABORTED;
            case ROLLED_BACK -> DeploymentStatus.ROLLED_BACK;
            case FAILED -> DeploymentStatus.FAILED;
            case SUPERSEDED -> DeploymentStatus.SUPERSEDED;
            case WAITING_FOR_HEALTHY, SHIFTING -> DeploymentStatus.STARTED;
        };
    }
}
