package dev.shiplane.core.rollout;

import dev.shiplane.core.canary.Rollout;
import dev.shiplane.core.canary.RolloutAction;
import dev.shiplane.core.canary.StepSchedules;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.ecsengine.NativeDeploymentSettings;
import dev.shiplane.core.events.CanaryStepDue;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.events.OneShotScheduler;
import java.util.List;

/** Carries out a transition's actions, in order, through the ports. Holds no state and makes no decisions. */
public final class RolloutExecutor {

    private final TrafficRouter router;
    private final ServiceRollouts ecs;
    private final OneShotScheduler scheduler;
    private final EventBus bus;

    public RolloutExecutor(TrafficRouter router, ServiceRollouts ecs, OneShotScheduler scheduler, EventBus bus) {
        this.router = router;
        this.ecs = ecs;
        this.scheduler = scheduler;
        this.bus = bus;
    }

    /**
     * @param rollout the rollout the actions belong to; {@code null} for a rolling service, whose transitions only
     *                roll the service and publish
     * @return ECS deployment ids of the rollouts started by {@link RolloutAction.RollService} actions
     */
    public List<String> execute(Target target, Rollout rollout, List<RolloutAction> actions) {
        List<String> started = new java.util.ArrayList<>();
        for (var action : actions) {
            switch (action) {
                case RolloutAction.RollService r -> started.add(roll(target, r.ecsService(), r.taskDefinition()));
                case RolloutAction.SetWeights w -> router.setWeights(rollout.routing(), w.canary(), w.canaryWeight());
                case RolloutAction.ScaleService s ->
                        ecs.scale(target.cluster(), rollout.routing().service(s.colour()), s.desiredCount());
                case RolloutAction.ScheduleStep s -> scheduler.schedule(
                        StepSchedules.step(rollout.deploymentId(), s.step()), s.at(),
                        new CanaryStepDue(target.env(), target.serviceName(), rollout.deploymentId(), s.step(), s.at()));
                case RolloutAction.CancelStep c -> scheduler.cancel(StepSchedules.step(rollout.deploymentId(), c.step()));
                case RolloutAction.Publish p -> bus.publish(p.event());
                case RolloutAction.ScheduleEvent e -> scheduler.schedule(e.name(), e.at(), e.event());
            }
        }
        return started;
    }

    /**
     * Points one of the target's ECS services at a revision: on ECS's engine, with the service's deployment settings
     * (ECS then runs its canary, linear or blue/green deployment through shiplane's hooks); otherwise a plain update.
     *
     * @return ECS's id of the deployment started
     */
    public String roll(Target target, String ecsService, String taskDefinition) {
        if (target.service().onEcsEngine()) {
            return ecs.roll(target.cluster(), ecsService, taskDefinition, NativeDeploymentSettings.of(target));
        }
        return ecs.roll(target.cluster(), ecsService, taskDefinition);
    }
}
