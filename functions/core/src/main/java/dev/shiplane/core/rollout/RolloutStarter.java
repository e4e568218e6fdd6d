package dev.shiplane.core.rollout;

import dev.shiplane.core.canary.AlarmSnapshot;
import dev.shiplane.core.canary.CanaryMachine;
import dev.shiplane.core.canary.Colour;
import dev.shiplane.core.canary.Rollout;
import dev.shiplane.core.canary.RolloutChecks;
import dev.shiplane.core.canary.Routing;
import dev.shiplane.core.canary.Signal;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.ServiceState;
import java.time.Clock;
import java.util.List;

/**
 * Hands a registered revision to ECS, by strategy: a rolling update of the service, a deployment on ECS's own engine
 * (canary, linear, blue/green), or — for progressive services on the shiplane engine — the idle colour at full size
 * with no traffic yet, after any rollout still running has given its traffic back. The caller holds the service lease.
 */
public final class RolloutStarter {

    /** The deployment now rolling, the head to commit, and the ECS service it updated. */
    public record Started(Deployment deployment, ServiceState state, String ecsService) {}

    private final ServiceRollouts ecs;
    private final TrafficRouter router;
    private final RolloutExecutor executor;
    private final Clock clock;

    public RolloutStarter(ServiceRollouts ecs, TrafficRouter router, RolloutExecutor executor, Clock clock) {
        this.ecs = ecs;
        this.router = router;
        this.executor = executor;
        this.clock = clock;
    }

    /** The ECS service whose task definition the new revision is copied from: the live colour for progressive ones. */
    public String sourceServiceOf(Target target, ServiceState state) {
        if (!target.service().twoColours()) {
            return target.ecsService();
        }
        var names = target.service().colours(target.environment());
        return state.liveColour() == Colour.BLUE ? names.blueService() : names.greenService();
    }

    /** @param leased the head as committed with this deployment's lease */
    public Started start(Target target, ServiceState leased, Deployment registered) {
        if (!target.service().twoColours()) {
            // One ECS service: a rolling update, or a deployment ECS's own engine runs (its settings come with it).
            var ecsId = executor.roll(target, target.ecsService(), registered.toTaskDefinition());
            return new Started(registered.rolling(ecsId, clock.instant()), leased.activated(registered.deploymentId(), ecsId),
                    target.ecsService());
        }
        var previous = leased.rollout();
        if (!leased.pending().isEmpty()) {
            // A transition that crashed part-way is finished first (we hold the lease): its actions are idempotent.
            executor.execute(target, previous, leased.pending());
        }
        if (previous != null && previous.phase().active()) {
            // Traffic goes back to the live colour before the idle colour gets the newer image.
            var superseded = CanaryMachine.next(target.env(), target.serviceName(), previous,
                    new Signal.Superseded(registered.deploymentId(), registered.deploymentId()), AlarmSnapshot.none(),
                    clock.instant());
            executor.execute(target, previous, superseded.actions());
        }
        var routing = previous != null ? previous.routing()
                : withServices(router.discover(target.service().colours(target.environment())), target);
        var live = leased.liveColour();
        var canary = live.other();
        var size = ecs.desiredCount(target.cluster(), routing.service(live));
        var ecsId = ecs.roll(target.cluster(), routing.service(canary), registered.toTaskDefinition(), size);
        var plan = target.service().traffic();
        var rollout = Rollout.waiting(registered.deploymentId(), registered.image(), registered.pushedAt(),
                        plan.steps(), plan.bake(), canary, registered.toTaskDefinition(),
                        registered.fromTaskDefinition(), ecsId, routing, clock.instant())
                .withChecks(RolloutChecks.of(target.service().checks()));
        var state = leased.activated(registered.deploymentId(), ecsId).withRollout(rollout, List.of());
        return new Started(registered.rolling(ecsId, clock.instant()), state, routing.service(canary));
    }

    private static Routing withServices(Routing discovered, Target target) {
        var names = target.service().colours(target.environment());
        return new Routing(discovered.listenerRuleArn(), discovered.blueTargetGroupArn(),
                discovered.greenTargetGroupArn(), names.blueService(), names.greenService());
    }
}
