package dev.shiplane.infra;

import dev.shiplane.core.config.Target;
import dev.shiplane.core.ecsengine.NativeDeploymentSettings;
import dev.shiplane.core.gate.HttpCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.services.ecs.CfnService;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListenerRule;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.WeightedTargetGroup;
import software.constructs.Construct;

/**
 * What a service on ECS's engine needs beyond its ECS service: the production listener rule ({@code Rule}) and the
 * test listener rule ({@code TestRule}), both forwarding to the production and alternate target groups (100/0) for
 * ECS to reweigh; the service's load balancer entry naming the alternate group, both rules and the role ECS moves
 * them with; and its deployment configuration, rendered from {@link NativeDeploymentSettings} and pointing its
 * Lambda hook at the hooks function's alias ({@link EcsHookTarget}).
 *
 * <p>Test traffic reaches the revision being deployed when a request carries {@value #TEST_HEADER}:
 * {@value #TEST_HEADER_VALUE} and comes from the checks function's addresses (the NAT gateways); anyone else
 * sending the header meets the production rule like every other request.
 */
final class NativeServiceRouting {

    static final String TEST_HEADER = HttpCheck.COLOUR_HEADER;
    /** ECS calls the revision being deployed green, whichever target group it runs behind. */
    static final String TEST_HEADER_VALUE = "green";

    private NativeServiceRouting() {}

    static void wire(Construct owner, Target target, FargateService service, ApplicationTargetGroup production,
                     ApplicationTargetGroup alternate, List<String> paths, int priority,
                     PlatformService.Placement at) {
        var loadBalancerRole = Objects.requireNonNull(at.loadBalancerRole(),
                "the platform has no load balancer role for ECS's engine");
        var productionRule = ApplicationListenerRule.Builder.create(owner, "Rule")
                .listener(at.listener())
                .priority(priority)
                .conditions(List.of(ListenerCondition.pathPatterns(paths)))
                .action(bothGroups(production, alternate))
                .build();
        var testRule = ApplicationListenerRule.Builder.create(owner, "TestRule")
                .listener(at.listener())
                .priority(priority - 1)
                .conditions(testConditions(target, paths, at))
                .action(bothGroups(production, alternate))
                .build();

        var cfn = (CfnService) service.getNode().getDefaultChild();
        cfn.addPropertyOverride("LoadBalancers.0.AdvancedConfiguration", Map.of(
                "AlternateTargetGroupArn", alternate.getTargetGroupArn(),
                "ProductionListenerRule", productionRule.getListenerRuleArn(),
                "TestListenerRule", testRule.getListenerRuleArn(),
                "RoleArn", loadBalancerRole.getRoleArn()));
        var settings = NativeDeploymentSettings.of(target);
        cfn.setDeploymentConfiguration(NativeDeploymentConfiguration.of(settings, EcsHookTarget.aliasArn(owner),
                EcsHookTarget.roleArn(owner)));
        cfn.addMetadata("cfn-lint", Map.of("config", Map.of("ignore_checks", lintChecksTheSchemaLacks(settings))));
        // ECS checks the rules and the role when it creates the service.
        service.getNode().addDependency(productionRule, testRule, loadBalancerRole);
    }

    /**
     * cfn-lint 1.51's schema of {@code AWS::ECS::Service} predates pause hooks (2025): it knows no hook
     * {@code TargetType} or {@code TimeoutConfiguration} (E3002), requires {@code HookTargetArn} and {@code RoleArn}
     * on every hook (E3003). CloudFormation's own reference has both; only the checks a service's hooks would trip
     * are ignored, on that service only.
     */
    static List<String> lintChecksTheSchemaLacks(NativeDeploymentSettings settings) {
        boolean pauses = settings.hooks().stream().anyMatch(h -> h instanceof NativeDeploymentSettings.PauseHook);
        return pauses ? List.of("E3002", "E3003") : List.of("E3002");
    }

    /** ECS moves the weights; the template's 100/0 is only where a new service starts. */
    private static ListenerAction bothGroups(ApplicationTargetGroup production, ApplicationTargetGroup alternate) {
        return ListenerAction.weightedForward(List.of(
                WeightedTargetGroup.builder().targetGroup(production).weight(100).build(),
                WeightedTargetGroup.builder().targetGroup(alternate).weight(0).build()));
    }

    private static List<ListenerCondition> testConditions(Target target, List<String> paths,
                                                          PlatformService.Placement at) {
        int values = paths.size() + 1 + at.checkSources().size();
        if (values > PlatformService.MAX_CONDITION_VALUES) {
            throw new IllegalArgumentException("services." + target.serviceName() + ": the test listener rule of "
                    + target.env() + " needs " + values + " condition values (paths " + paths.size() + ", header 1,"
                    + " NAT addresses " + at.checkSources().size() + "), ALB allows "
                    + PlatformService.MAX_CONDITION_VALUES
                    + ": give the service fewer paths or the environment fewer NAT gateways");
        }
        List<ListenerCondition> conditions = new ArrayList<>(List.of(ListenerCondition.pathPatterns(paths),
                ListenerCondition.httpHeader(TEST_HEADER, List.of(TEST_HEADER_VALUE))));
        if (!at.checkSources().isEmpty()) conditions.add(ListenerCondition.sourceIps(at.checkSources()));
        return conditions;
    }
}
