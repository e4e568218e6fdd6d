package dev.shiplane.sandbox;

import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.ecsengine.NativeDeploymentSettings;
import dev.shiplane.sandbox.ecsengine.ListenerRuleTraffic;
import dev.shiplane.testkit.BlueGreenWorld;
import dev.shiplane.testkit.TestAws;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHook;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * Services on ECS's engine as the ServiceInfra stack creates them: one ECS service whose deploymentConfiguration is
 * {@link NativeDeploymentSettings}' (the stack and every UpdateService render the same), behind a production listener
 * rule forwarding to its primary and alternate target groups (all traffic on the primary).
 */
final class NativeEngineWorld {

    /** The hooks function's alias and the role ECS assumes to invoke it; {@code null} when the switch is off. */
    record HooksFunction(String aliasArn, String roleArn) {}

    private NativeEngineWorld() {}

    /** @return the listener rules ECS's engine moves traffic on */
    static ListenerRuleTraffic provision(TestAws aws, ShiplaneConfig config, HooksFunction hooks) {
        return provision(aws, config, env -> true, hooks);
    }

    /** @param inAccount the environments of {@code aws}'s account */
    static ListenerRuleTraffic provision(TestAws aws, ShiplaneConfig config,
                                         java.util.function.Predicate<String> inAccount, HooksFunction hooks) {
        var blueGreen = new BlueGreenWorld(aws);
        var traffic = new ListenerRuleTraffic(blueGreen.elb());
        for (var env : config.environments()) {
            if (!inAccount.test(env.name())) continue;
            String listener = null;
            int priority = 500;
            for (var service : config.services()) {
                if (!service.onEcsEngine() || !service.environments().contains(env.name())) continue;
                var target = new Target(env, service);
                aws.ecs().updateService(r -> r.cluster(env.cluster()).service(service.ecsService())
                        .deploymentConfiguration(render(NativeDeploymentSettings.of(target), hooks)));
                if (listener == null) listener = blueGreen.loadBalancer(env.cluster() + "-ecs");
                var lb = listener;
                var loadBalancer = blueGreen.elb().describeListeners(r -> r.listenerArns(lb)).listeners().getFirst()
                        .loadBalancerArn();
                var vpcId = blueGreen.elb().describeLoadBalancers(r -> r.loadBalancerArns(loadBalancer))
                        .loadBalancers().getFirst().vpcId();
                var primary = targetGroup(blueGreen, env.cluster() + "-" + service.name() + "-primary", vpcId);
                var alternate = targetGroup(blueGreen, env.cluster() + "-" + service.name() + "-alternate", vpcId);
                int rulePriority = priority;
                var rule = blueGreen.elb().createRule(r -> r.listenerArn(lb).priority(rulePriority)
                        .conditions(c -> c.field("path-pattern").values("/" + service.name() + "/*"))
                        .actions(a -> a.type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(
                                TargetGroupTuple.builder().targetGroupArn(primary).weight(100).build(),
                                TargetGroupTuple.builder().targetGroupArn(alternate).weight(0).build()))))
                        .rules().getFirst().ruleArn();
                traffic.route(env.cluster(), service.ecsService(), rule, primary, alternate);
                priority += 10;
            }
        }
        return traffic;
    }

    /** ECS's deploymentConfiguration for these settings (the Lambda hook only when the hooks function is hosted). */
    static DeploymentConfiguration render(NativeDeploymentSettings s, HooksFunction hooks) {
        List<DeploymentLifecycleHook> rendered = new ArrayList<>();
        for (var hook : s.hooks()) {
            switch (hook) {
                case NativeDeploymentSettings.LambdaHook lambda -> {
                    if (hooks != null) {
                        rendered.add(DeploymentLifecycleHook.builder().targetType("AWS_LAMBDA")
                                .hookTargetArn(hooks.aliasArn()).roleArn(hooks.roleArn())
                                .lifecycleStagesWithStrings(lambda.stages().stream().map(Enum::name).toList()).build());
                    }
                }
                case NativeDeploymentSettings.PauseHook pause -> rendered.add(DeploymentLifecycleHook.builder()
                        .targetType("PAUSE").lifecycleStagesWithStrings(pause.stages().stream().map(Enum::name).toList())
                        .timeoutConfiguration(t -> t.timeoutInMinutes(pause.timeoutMinutes())
                                .action(pause.timeoutAction())).build());
            }
        }
        var builder = DeploymentConfiguration.builder().strategy(s.strategy()).bakeTimeInMinutes(s.bakeMinutes())
                .lifecycleHooks(rendered)
                .alarms(a -> a.alarmNames(s.alarmNames()).enable(!s.alarmNames().isEmpty())
                        .rollback(!s.alarmNames().isEmpty()));
        if (s.canaryPercent() != null) {
            builder.canaryConfiguration(c -> c.canaryPercent(s.canaryPercent())
                    .canaryBakeTimeInMinutes(s.canaryBakeMinutes()));
        }
        if (s.stepPercent() != null) {
            builder.linearConfiguration(c -> c.stepPercent(s.stepPercent()).stepBakeTimeInMinutes(s.stepBakeMinutes()));
        }
        return builder.build();
    }

    private static String targetGroup(BlueGreenWorld world, String name, String vpc) {
        return world.elb().createTargetGroup(r -> r.name(name).protocol("HTTP").port(8080).vpcId(vpc)
                .targetType("ip")).targetGroups().getFirst().targetGroupArn();
    }
}
