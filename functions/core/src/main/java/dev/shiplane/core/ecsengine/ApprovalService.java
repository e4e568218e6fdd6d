package dev.shiplane.core.ecsengine;

import dev.shiplane.core.ledger.PendingApproval;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.ServiceBusyException;
import dev.shiplane.core.events.ApprovalRequested;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.ledger.Ledger;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Use case: ECS paused a deployment at its approval hook. The wait is recorded on the service's active deployment
 * (what {@code shiplane promote}/{@code abort} answer it with, what {@code shiplane status} shows) and announced as
 * {@code Approval Requested} with the command to run. The hook id is the idempotency key: the same wait delivered
 * again is announced once; a canary's next step waits with a new id and is announced again.
 */
public final class ApprovalService {

    private final ShiplaneConfig config;
    private final Ledger ledger;
    private final EventBus bus;
    private final Clock clock;

    public ApprovalService(ShiplaneConfig config, Ledger ledger, EventBus bus, Clock clock) {
        this.config = config;
        this.ledger = ledger;
        this.bus = bus;
        this.clock = clock;
    }

    public ApprovalOutcome onHookStateChange(HookStateChange change) {
        if (!change.pauseAwaitingAction()) {
            return new ApprovalOutcome.Ignored(change.hookType() + " hook " + change.eventName()
                    + " needs nothing from shiplane");
        }
        var target = config.targetOfEcsService(change.cluster(), change.ecsService())
                .filter(t -> t.service().onEcsEngine());
        if (target.isEmpty()) {
            return new ApprovalOutcome.Ignored(change.cluster() + "/" + change.ecsService()
                    + " is not a service shiplane deploys on ECS's engine");
        }
        var t = target.get();
        var state = ledger.serviceState(t.env(), t.serviceName());
        if (state.leased(clock.instant())) {
            // The deployment may be mid-write (its ECS id not yet recorded): the redelivered event finds it done.
            throw new ServiceBusyException(t.env() + "/" + t.serviceName() + " is held by " + state.leaseOwner());
        }
        var active = state.activeDeploymentId() == null ? Optional.<Deployment>empty()
                : ledger.deployment(t.env(), t.serviceName(), state.activeDeploymentId());
        if (active.isEmpty() || active.get().status() != DeploymentStatus.STARTED) {
            // Someone else's deployment (a console update) or one already ended: nobody can approve it through shiplane.
            return new ApprovalOutcome.Ignored("no deployment by shiplane is under way in " + t.env() + "/"
                    + t.serviceName());
        }
        var deployment = active.get();
        if (deployment.approval() != null && deployment.approval().hookId().equals(change.hookId())) {
            return new ApprovalOutcome.Ignored("approval " + change.hookId() + " was already requested");
        }
        var now = clock.instant();
        // Published before it is recorded: a crash in between announces it again on redelivery rather than never.
        bus.publish(new ApprovalRequested(t.env(), t.serviceName(), deployment.deploymentId(), deployment.image(),
                change.hookId(), change.expiresAt(), promoteCommand(t), now));
        var waiting = deployment.withApproval(new PendingApproval(change.serviceDeploymentArn(), change.hookId(),
                change.expiresAt()), now);
        ledger.commit(List.of(waiting), state.nextUnleased(), state.version());
        return new ApprovalOutcome.Requested(t.env(), t.serviceName(), deployment.deploymentId(), change.hookId());
    }

    /** The CLI command that approves: {@code shiplane promote ENV SERVICE}. */
    public static String promoteCommand(Target target) {
        return "shiplane promote " + target.env() + " " + target.serviceName();
    }
}
