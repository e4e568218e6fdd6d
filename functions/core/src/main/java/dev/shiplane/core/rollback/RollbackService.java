package dev.shiplane.core.rollback;

import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.StableRevision;
import dev.shiplane.core.events.DeploymentRolledBack;
import dev.shiplane.core.events.RollbackFailed;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.ledger.Ledger;
import dev.shiplane.core.ledger.StatusChange;
import dev.shiplane.core.rollout.ActionRunner;
import dev.shiplane.core.canary.RolloutAction;
import dev.shiplane.core.rollout.RolloutExecutor;
import dev.shiplane.core.rollout.RolloutService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Use case: roll a service back — on an alarm, an ECS deployment failure or an operator's request — and the
 * emergency rollback of a whole environment.
 *
 * <p>Calls before traffic is safe: read the head, then either the rollout's transition (one conditional write, one
 * ModifyRule) or, after reading the active deployment, this service's (one conditional write, one UpdateService).
 * No waiting: ECS reports the rolled-back service's completion later as an event.
 */
public final class RollbackService {

    private final ShiplaneConfig config;
    private final Ledger ledger;
    private final RolloutService rollouts;
    private final ActionRunner runner;
    private final EventBus bus;
    private final Clock clock;

    public RollbackService(ShiplaneConfig config, Ledger ledger, RolloutService rollouts, RolloutExecutor executor,
                           EventBus bus, Clock clock, Duration leaseTtl) {
        this.config = config;
        this.ledger = ledger;
        this.rollouts = rollouts;
        this.runner = new ActionRunner(ledger, executor, clock, leaseTtl);
        this.bus = bus;
        this.clock = clock;
    }

    /** An alarm went into ALARM: every service that lists it rolls back. */
    public RollbackOutcome onAlarm(String eventId, String alarmName, String reason) {
        return onAlarm(eventId, alarmName, reason, null);
    }

    /** @param alarmAt when CloudWatch changed the alarm's state; carried into the rollback for time to restore */
    public RollbackOutcome onAlarm(String eventId, String alarmName, String reason, java.time.Instant alarmAt) {
        var targets = config.targetsOfAlarm(alarmName);
        if (targets.isEmpty()) return new RollbackOutcome.Ignored("no service lists alarm " + alarmName);
        return each(targets, t -> rollback(t, new RollbackTrigger.Alarm(eventId, alarmName, reason, alarmAt)));
    }

    /** ECS reported a deployment of a managed service failed. */
    public RollbackOutcome onEcsFailure(String eventId, String cluster, String ecsService, String ecsDeploymentId,
                                        String reason) {
        return config.targetOfEcsService(cluster, ecsService)
                .map(t -> rollback(t, new RollbackTrigger.EcsFailure(eventId, ecsDeploymentId, reason)))
                .orElse(new RollbackOutcome.Ignored(cluster + "/" + ecsService + " is not managed by shiplane"));
    }

    /** An operator's rollback of one service, or of every service of {@code env} when {@code service} is null. */
    public RollbackOutcome onRequest(String requestId, String env, String service, String requestedBy, String reason) {
        var targets = service == null ? config.targetsIn(env) : config.target(env, service).map(List::of).orElse(List.of());
        if (targets.isEmpty()) {
            return fail(env, service, null, "manual", (service == null ? "environment " + env
                    : service + " in " + env) + " is not managed by shiplane");
        }
        return each(targets, t -> rollback(t, new RollbackTrigger.Manual(requestId + ":" + t.serviceName(),
                requestedBy, reason)));
    }

    /**
     * Rolls back each target; one failing does not stop the others. A target that cannot be rolled back is
     * announced ({@code Rollback Failed}, from the plan); a call that failed part-way fails the event once the others
     * are done, so Lambda delivers it again: its committed actions stay pending and the retry finishes them (the
     * targets already rolled back are ignored then). Swallowing it would leave traffic split with no retry coming.
     */
    private RollbackOutcome each(List<Target> targets, java.util.function.Function<Target, RollbackOutcome> rollback) {
        List<RollbackOutcome.ServiceRollback> results = new ArrayList<>();
        RuntimeException retryable = null;
        for (var target : targets) {
            try {
                results.add(new RollbackOutcome.ServiceRollback(target.env(), target.serviceName(),
                        rollback.apply(target)));
            } catch (RuntimeException e) {
                if (retryable == null) retryable = e;
                else retryable.addSuppressed(e);
            }
        }
        if (retryable != null) throw retryable;
        return new RollbackOutcome.PerService(results);
    }

    RollbackOutcome rollback(Target target, RollbackTrigger trigger) {
        var state = ledger.serviceState(target.env(), target.serviceName());
        runner.requireFree(target, state);
        state = runner.finishPending(target, state, trigger.id());
        Optional<Deployment> active = RollbackPlanner.readsActiveDeployment(state)
                ? ledger.deployment(target.env(), target.serviceName(), state.activeDeploymentId())
                : Optional.empty();
        return switch (RollbackPlanner.plan(state, active, trigger, target.service().onEcsEngine())) {
            case RollbackDecision.Ignore i -> new RollbackOutcome.Ignored(i.why());
            case RollbackDecision.Fail f -> fail(target.env(), target.serviceName(), state.activeDeploymentId(),
                    trigger.code(), f.reason());
            case RollbackDecision.RollbackRollout r ->
                    new RollbackOutcome.ByRollout(rollouts.handle(target, r.signal(), state));
            case RollbackDecision.Restore r -> {
                var now = clock.instant();
                var service = liveServiceOf(target, state);
                List<RolloutAction> actions = List.of(
                        new RolloutAction.RollService(service, r.to().taskDefinition()),
                        new RolloutAction.Publish(new DeploymentRolledBack(target.env(), target.serviceName(),
                                r.bad().deploymentId(), r.bad().image(), trigger.code(), r.reason(),
                                r.to().taskDefinition(), r.bad().toTaskDefinition(), now, trigger.alarmAt())));
                var next = (r.bad().bringsNewImage() ? state.withPending(actions)
                        .withQuarantine(r.bad().image().digest(), true) : state.withPending(actions))
                        .withStable(StableRevision.afterRestore(r.to()));
                runner.commitAndRun(target, state, next, trigger.id(),
                        new StatusChange(r.bad().deploymentId(), DeploymentStatus.ROLLED_BACK, r.reason(), now,
                                trigger.alarmAt()));
                yield new RollbackOutcome.Restored(r.to().taskDefinition());
            }
        };
    }

    /** The ECS service that serves traffic: the service itself, or a progressive service's live colour. */
    private static String liveServiceOf(Target target, dev.shiplane.core.ledger.ServiceState state) {
        if (!target.service().twoColours()) return target.ecsService();
        var names = target.service().colours(target.environment());
        return state.liveColour() == dev.shiplane.core.canary.Colour.BLUE ? names.blueService() : names.greenService();
    }

    private RollbackOutcome fail(String env, String service, String deploymentId, String trigger, String reason) {
        bus.publish(new RollbackFailed(env, service, deploymentId, trigger, reason, clock.instant()));
        return new RollbackOutcome.Failed(reason);
    }
}
