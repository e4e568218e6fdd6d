package dev.shiplane.core.rollout;

import dev.shiplane.core.canary.Rollout;
import dev.shiplane.core.canary.RolloutAction;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.ledger.LeaseWrites;
import dev.shiplane.core.ledger.ServiceBusyException;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.ledger.Ledger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Carries out committed transitions under the service lease. A transition's new state and its actions are written
 * first (with the lease, in one conditional write); the actions run; a second write clears them and releases the
 * lease. If anything fails part-way, the lease is given back ({@link LeaseWrites#giveBack}) with the actions still
 * pending, and whoever handles the service next runs them again first: every action is idempotent.
 */
public final class ActionRunner {

    private final Ledger ledger;
    private final RolloutExecutor executor;
    private final Clock clock;
    private final Duration leaseTtl;

    public ActionRunner(Ledger ledger, RolloutExecutor executor, Clock clock, Duration leaseTtl) {
        this.ledger = ledger;
        this.executor = executor;
        this.clock = clock;
        this.leaseTtl = leaseTtl;
    }

    /** Throws {@link ServiceBusyException} (the event is retried) while another invocation holds the lease. */
    public void requireFree(Target target, ServiceState state) {
        // Any live lease means actions are being carried out right now, possibly for this very event delivered twice.
        if (state.leased(clock.instant())) {
            throw new ServiceBusyException(target.env() + "/" + target.serviceName() + " is held by "
                    + state.leaseOwner() + " until " + state.leaseExpiresAt());
        }
    }

    /** Runs the actions a crashed invocation committed but may not have finished; returns the head after that. */
    public ServiceState finishPending(Target target, ServiceState state, String owner) {
        if (state.pending().isEmpty()) {
            return state;
        }
        var leased = state.leasedTo(owner, clock.instant().plus(leaseTtl));
        LeaseWrites.take(ledger, leased, () -> ledger.commit(leased, state.version(), null));
        return carryOut(target, leased, state.rollout(), state.pending());
    }

    /** Leases {@code next} (same version as {@code current}, with its pending actions) and carries the actions out. */
    public ServiceState commitAndRun(Target target, ServiceState current, ServiceState next, String owner,
                                     dev.shiplane.core.ledger.StatusChange change) {
        var leased = next.leasedTo(owner, clock.instant().plus(leaseTtl));
        LeaseWrites.take(ledger, leased, () -> ledger.commit(leased, current.version(), change));
        return carryOut(target, leased, leased.rollout(), leased.pending());
    }

    private ServiceState carryOut(Target target, ServiceState leased, Rollout rollout, List<RolloutAction> actions) {
        List<String> ecsRollouts;
        try {
            ecsRollouts = executor.execute(target, rollout, actions);
        } catch (RuntimeException failure) {
            // The actions stay pending in the head given back: whoever takes the service next runs them again.
            LeaseWrites.giveBack(ledger, leased, failure);
            throw failure;
        }
        var cleared = leased.withPending(List.of());
        if (!ecsRollouts.isEmpty()) cleared = cleared.withEcsDeployment(ecsRollouts.getLast());
        cleared = cleared.released();
        ledger.commit(cleared, leased.version(), null);
        return cleared;
    }
}
