package dev.shiplane.sandbox;

import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.testkit.BlueGreenWorld;
import dev.shiplane.testkit.DueSchedules;
import dev.shiplane.testkit.TestAws;

/**
 * The parts of the world progressive delivery and rollback need, as the ServiceInfra stack creates them in AWS: a load
 * balancer per cluster, blue and green target groups and ECS services per progressive service with the weighted
 * listener rule (all traffic on blue), every gate alarm in state OK, and the Scheduler group of one-shot schedules.
 */
final class ProgressiveWorld {

    static final String SCHEDULE_GROUP = "shiplane";

    private final BlueGreenWorld blueGreen;

    private ProgressiveWorld(BlueGreenWorld blueGreen) {
        this.blueGreen = blueGreen;
    }

    static ProgressiveWorld provision(TestAws aws, ShiplaneConfig config) {
        return provision(aws, config, env -> true);
    }

    /** @param inAccount the environments of {@code aws}'s account: their load balancers, services and alarms */
    static ProgressiveWorld provision(TestAws aws, ShiplaneConfig config, java.util.function.Predicate<String> inAccount) {
        var world = new BlueGreenWorld(aws);
        for (var env : config.environments()) {
            if (!inAccount.test(env.name())) continue;
            String listener = null;
            int priority = 10;
            for (var service : config.services()) {
                if (!service.environments().contains(env.name())) continue;
                if (service.twoColours()) {
                    if (listener == null) listener = world.loadBalancer(env.cluster());
                    world.progressiveService(listener, priority, env.cluster(), service.name(),
                            "monynha/" + service.name() + ":1.0.0", 2);
                    priority += 10;
                }
                service.alarmsIn(env).forEach(world::alarm);
            }
        }
        new DueSchedules(aws).createGroup(SCHEDULE_GROUP);
        return new ProgressiveWorld(world);
    }

    /** Keeps moto's alarm state in line with an alarm event the story says AWS emitted. */
    void alarmState(String alarmName, String state, String reason) {
        blueGreen.setAlarm(alarmName, state, reason == null ? "set by the sandbox story" : reason);
    }

    /** {@code blue=N green=M} of a progressive service's listener rule. */
    String weights(String ruleArn) {
        return blueGreen.weights(ruleArn);
    }
}
