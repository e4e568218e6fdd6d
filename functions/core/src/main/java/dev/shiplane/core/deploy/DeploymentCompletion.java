package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.StableRevision;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.events.DeploymentRolledBack;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.ledger.Ledger;
import dev.shiplane.core.events.OneShotScheduler;
import dev.shiplane.core.events.VerificationDue;
import dev.shiplane.core.rollout.Promotions;
import dev.shiplane.core.canary.StepSchedules;
import dev.shiplane.core.rollout.RolloutService;
import dev.shiplane.core.canary.Signal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Use case: ECS reported on a service deployment. For a rolling service it closes the matching deployment and
 * announces it; for a progressive service it tells the rollout its new colour is healthy (or failed).
 */
public final class DeploymentCompletion {

    private final ShiplaneConfig config;
    private final Ledger ledger;
    private final EventBus bus;
    private final DeploymentAnnouncements announcements;
    private final RolloutService rollouts;
    private final OneShotScheduler scheduler;
    private final Clock clock;

    public DeploymentCompletion(ShiplaneConfig config, Ledger ledger, EventBus bus, RolloutService rollouts,
                                OneShotScheduler scheduler, Clock clock) {
        this.config = config;
        this.ledger = ledger;
        this.bus = bus;
        this.announcements = new DeploymentAnnouncements(bus, ledger);
        this.rollouts = rollouts;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    public CompletionOutcome onEcsDeploymentEvent(EcsDeploymentEvent event) {
        var target = config.targetOfEcsService(event.cluster(), event.ecsService());
        if (target.isEmpty()) {
            return new CompletionOutcome.Ignored(event.cluster() + "/" + event.ecsService()
                    + " is not managed by shiplane");
        }
        var t = target.get();
        if (t.service().twoColours() && isRolloutEvent(t, event)) {
            return switch (event.eventName()) {
                case EcsDeploymentEvent.COMPLETED -> new CompletionOutcome.ByRollout(
                        rollouts.handle(t, new Signal.Healthy(event.eventId(), event.ecsDeploymentId())));
                case EcsDeploymentEvent.FAILED -> new CompletionOutcome.ByRollout(rollouts.handle(t,
                        new Signal.CanaryFailed(event.eventId(), event.ecsDeploymentId(), event.reason() == null
                                ? "ECS reported the deployment failed" : event.reason())));
                default -> new CompletionOutcome.Ignored(event.eventName() + " does not end a deployment");
            };
        }
        return closeRolling(t, event);
    }

    /** A colour's ECS event belongs to the rollout only if it is the new colour's; restarts (redeploys) close like rolling. */
    private boolean isRolloutEvent(Target t, EcsDeploymentEvent event) {
        var rollout = ledger.serviceState(t.env(), t.serviceName()).rollout();
        return rollout != null && event.ecsDeploymentId().equals(rollout.canaryEcsDeploymentId());
    }

    private CompletionOutcome closeRolling(Target t, EcsDeploymentEvent event) {
        var state = ledger.serviceState(t.env(), t.serviceName());
        var active = state.activeDeploymentId() == null ? Optional.<Deployment>empty()
                : ledger.deployment(t.env(), t.serviceName(), state.activeDeploymentId());
        return switch (CompletionPlanner.decide(event, state, active, t.service().onEcsEngine())) {
            case CompletionDecision.Ignore ignore -> new CompletionOutcome.Ignored(ignore.why());
            case CompletionDecision.Announce ignored -> {
                if (active.get().status() == DeploymentStatus.SUCCEEDED) schedulePromotions(t, active.get());
                announce(active.orElseThrow(), t);
                yield new CompletionOutcome.Announced(active.get().status());
            }
            case CompletionDecision.Finish finish -> {
                var now = clock.instant();
                var finished = active.orElseThrow().withStatus(finish.status(), finish.reason(), now);
                var succeeded = finish.status() == DeploymentStatus.SUCCEEDED;
                var next = state.stabilised(StableRevision.afterCompletion(state.stableTaskDefinition(), finished,
                        t.service().onEcsEngine()));
                if (finish.status() == DeploymentStatus.ROLLED_BACK && finished.bringsNewImage()) {
                    // Not deployed again automatically, as after any other rollback.
                    next = next.withQuarantine(finished.image().digest(), true);
                }
                ledger.commit(List.of(finished), next, state.version());
                // Scheduled before the announcement: a retry that repeats the announcement repeats this harmlessly.
                if (succeeded) schedulePromotions(t, finished);
                announce(finished, t);
                yield new CompletionOutcome.Finished(finish.status());
            }
        };
    }

    /** A deployment ECS's engine rolled back is announced here: no shiplane transition published it. */
    private void announce(Deployment d, Target t) {
        if (d.status() == DeploymentStatus.ROLLED_BACK && t.service().onEcsEngine()) {
            bus.publish(new DeploymentRolledBack(d.env(), d.service(), d.deploymentId(), d.image(), "ecs-failure",
                    d.reason(), d.fromTaskDefinition(), d.toTaskDefinition(), d.updatedAt()));
        }
        announcements.announce(d, t, t.ecsService());
    }

    /** Verification after the bake, and promotions after the next environments' promotion delays. */
    private void schedulePromotions(Target t, Deployment succeeded) {
        var due = succeeded.updatedAt().plus(t.service().traffic().bake());
        scheduler.schedule(StepSchedules.verification(succeeded.deploymentId()), due,
                new VerificationDue(t.env(), t.serviceName(), succeeded.deploymentId(), due));
        Promotions.after(config, t, succeeded, succeeded.updatedAt())
                .forEach(p -> scheduler.schedule(p.name(), p.at(), p.event()));
    }
}
