package dev.shiplane.core.ecsengine;

import dev.shiplane.core.config.Target;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.LeaseWrites;
import dev.shiplane.core.ledger.ServiceBusyException;
import dev.shiplane.core.events.DeploymentAborted;
import dev.shiplane.core.events.RolloutCommand;
import dev.shiplane.core.events.RolloutResumed;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.ledger.Ledger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Use case: an operator's {@code promote} or {@code abort} for a service on ECS's engine, under the service lease as
 * for the shiplane engine's rollouts. The request is taken (lease), ECS is answered, then the deployment's new state
 * is written with the lease released and the request is announced: {@code Rollout Resumed} for an approval (by whom),
 * {@code Deployment Aborted} for an abort. The request id is the lease owner; a redelivered request finds the approval
 * answered or the deployment aborted and changes nothing.
 */
public final class NativeCommandService {

    private final Ledger ledger;
    private final ServiceDeployments ecs;
    private final EventBus bus;
    private final Clock clock;
    private final Duration leaseTtl;

    public NativeCommandService(Ledger ledger, ServiceDeployments ecs, EventBus bus, Clock clock, Duration leaseTtl) {
        this.ledger = ledger;
        this.ecs = ecs;
        this.bus = bus;
        this.clock = clock;
        this.leaseTtl = leaseTtl;
    }

    public NativeCommandOutcome handle(Target target, RolloutCommand command) {
        var state = ledger.serviceState(target.env(), target.serviceName());
        var now = clock.instant();
        if (state.leased(now)) {
            throw new ServiceBusyException(target.env() + "/" + target.serviceName() + " is held by "
                    + state.leaseOwner() + " until " + state.leaseExpiresAt());
        }
        var active = state.activeDeploymentId() == null ? Optional.<Deployment>empty()
                : ledger.deployment(target.env(), target.serviceName(), state.activeDeploymentId());
        var decision = NativeCommandPlanner.plan(command.kind(), active);
        if (decision instanceof NativeCommand.Ignore ignore) {
            return new NativeCommandOutcome.Ignored(ignore.why());
        }
        var leased = state.leasedTo(command.requestId(), now.plus(leaseTtl));
        LeaseWrites.take(ledger, leased, () -> ledger.commit(leased, state.version(), null));
        Deployment after;
        try {
            after = carryOut(target, decision, command);
        } catch (RuntimeException failure) {
            LeaseWrites.giveBack(ledger, leased, failure);
            throw failure;
        }
        ledger.commit(List.of(after), leased.released(), leased.version());
        announce(after, decision, command);
        return switch (decision) {
            case NativeCommand.Approve a -> new NativeCommandOutcome.Approved(a.deployment().deploymentId(),
                    command.requestedBy());
            case NativeCommand.Refuse r -> new NativeCommandOutcome.Refused(r.deployment().deploymentId());
            case NativeCommand.Stop s -> new NativeCommandOutcome.Stopped(s.deployment().deploymentId());
            case NativeCommand.Ignore i -> new NativeCommandOutcome.Ignored(i.why());
        };
    }

    private Deployment carryOut(Target target, NativeCommand decision, RolloutCommand command) {
        var now = clock.instant();
        return switch (decision) {
            case NativeCommand.Approve a -> {
                ecs.answer(a.approval().serviceDeploymentArn(), a.approval().hookId(), true);
                yield a.deployment().withApproval(null, now);
            }
            case NativeCommand.Refuse r -> {
                ecs.answer(r.approval().serviceDeploymentArn(), r.approval().hookId(), false);
                yield r.deployment().withStatus(DeploymentStatus.ABORTED, reason(command), now);
            }
            case NativeCommand.Stop s -> {
                var running = ecs.inProgress(target.cluster(), target.ecsService()).orElseThrow(() ->
                        new IllegalStateException("ECS reports no deployment in progress for " + target.cluster() + "/"
                                + target.ecsService() + " while " + s.deployment().deploymentId() + " is under way"));
                ecs.stopAndRollBack(running);
                yield s.deployment().withStatus(DeploymentStatus.ABORTED, reason(command), now);
            }
            case NativeCommand.Ignore i -> throw new IllegalArgumentException(i.why());
        };
    }

    private void announce(Deployment after, NativeCommand decision, RolloutCommand command) {
        if (decision instanceof NativeCommand.Approve) {
            // Approval comes before any production traffic moves (POST_TEST_TRAFFIC_SHIFT): 0% on the new revision.
            bus.publish(new RolloutResumed(after.env(), after.service(), after.deploymentId(), 0, null,
                    command.requestedBy(), after.updatedAt()));
        } else {
            bus.publish(new DeploymentAborted(after.env(), after.service(), after.deploymentId(), after.image(),
                    after.reason(), command.requestedBy(), after.updatedAt()));
            ledger.save(after.announcedNow());
        }
    }

    private static String reason(RolloutCommand command) {
        return command.reason() == null || command.reason().isBlank() ? "aborted by " + command.requestedBy()
                : command.reason();
    }
}
