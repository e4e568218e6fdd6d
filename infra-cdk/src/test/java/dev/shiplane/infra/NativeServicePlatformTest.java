package dev.shiplane.infra;

import static dev.shiplane.infra.TemplateShapes.ref;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** A service on ECS's engine in its ServiceInfra stack: one ECS service, two target groups, two rules, two roles. */
class NativeServicePlatformTest {

    private static Template staging;
    private static Template prod;

    @BeforeAll
    static void synth() {
        staging = NativeConfigFixture.platform(NativeConfigFixture.config(), "staging");
        prod = NativeConfigFixture.platform(NativeConfigFixture.config(), "prod");
    }

    @Test
    void nativeService_isOneEcsServiceUnderItsOwnName_onEcsDeploymentController_withoutADesiredCount() {
        staging.hasResourceProperties("AWS::ECS::Service", Map.of(
                "ServiceName", "web",
                "DeploymentController", Map.of("Type", "ECS"),
                "DesiredCount", Match.absent(),
                "TaskDefinition", ref("PlatformwebTaskDefinition")));
        staging.resourcePropertiesCountIs("AWS::ECS::Service", Map.of("ServiceName",
                Match.stringLikeRegexp("^web-(blue|green)$")), 0);
        prod.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", Map.of(
                "ResourceId", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^PlatformwebService"), "Name")))))),
                "MinCapacity", 3, "MaxCapacity", 3));
    }

    @Test
    void nativeService_namesItsAlternateTargetGroup_bothRules_andTheRoleEcsMovesThemWith() {
        staging.hasResourceProperties("AWS::ECS::Service", Map.of(
                "ServiceName", "web",
                "LoadBalancers", List.of(Map.of(
                        "ContainerName", "web",
                        "ContainerPort", 8080,
                        "TargetGroupArn", ref("PlatformwebTargetGroup"),
                        "AdvancedConfiguration", Map.of(
                                "AlternateTargetGroupArn", ref("PlatformwebAlternateTargetGroup"),
                                "ProductionListenerRule", ref("PlatformwebRule"),
                                "TestListenerRule", ref("PlatformwebTestRule"),
                                "RoleArn", TemplateShapes.getAtt("PlatformEcsLoadBalancerRole", "Arn"))))));
    }

    @Test
    void productionRule_forwardsToBothTargetGroups_100To0_forEcsToReweigh() {
        staging.hasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Map.of(
                "Priority", ServicePlatform.CATCH_ALL_PRIORITY,
                "Conditions", List.of(Map.of("Field", "path-pattern", "PathPatternConfig",
                        Map.of("Values", List.of("/*")))),
                "Actions", List.of(Map.of("Type", "forward", "ForwardConfig", Map.of("TargetGroups", List.of(
                        Map.of("TargetGroupArn", ref("PlatformwebTargetGroup"), "Weight", 100),
                        Map.of("TargetGroupArn", ref("PlatformwebAlternateTargetGroup"), "Weight", 0)))))));
    }

    @Test
    void testRule_matchesTheChecksHeaderFromTheNatAddresses_beforeTheProductionRule() {
        staging.hasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Map.of(
                "Priority", ServicePlatform.CATCH_ALL_PRIORITY - 1,
                "Conditions", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Field", "http-header", "HttpHeaderConfig", Map.of(
                                "HttpHeaderName", "X-Shiplane-Colour", "Values", List.of("green")))),
                        Match.objectLike(Map.of("Field", "source-ip")))),
                "Actions", List.of(Match.objectLike(Map.of("Type", "forward")))));
    }

    @Test
    void loadBalancerRole_isEcssInfrastructureRole_withAwsManagedPolicyForLoadBalancers() {
        staging.hasResourceProperties("AWS::IAM::Role", Map.of(
                "AssumeRolePolicyDocument", Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "ecs.amazonaws.com"))))),
                "ManagedPolicyArns", List.of(Map.of("Fn::Join", List.of("", List.of("arn:",
                        Map.of("Ref", "AWS::Partition"),
                        ":iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForLoadBalancers"))))));
    }

    @Test
    void lambdaHook_isTheHooksFunctionsLiveAlias_invokedThroughTheNamedRole_atShiplanesFourStages() {
        staging.hasResourceProperties("AWS::ECS::Service", Map.of(
                "ServiceName", "web",
                "DeploymentConfiguration", Match.objectLike(Map.of("LifecycleHooks", List.of(Map.of(
                        "TargetType", "AWS_LAMBDA",
                        "HookTargetArn", Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                                ":lambda:us-east-1:123456789012:function:shiplane-hooks:live"))),
                        "RoleArn", Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                                ":iam::123456789012:role/shiplane-hooks-invoke-us-east-1"))),
                        "LifecycleStages", List.of("PRE_SCALE_UP", "POST_TEST_TRAFFIC_SHIFT",
                                "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT")))))));
    }

    @Test
    void approvalEnvironment_pausesBeforeProductionTraffic_andRollsBackWhenNobodyAnswers() {
        prod.hasResourceProperties("AWS::ECS::Service", Map.of(
                "ServiceName", "web",
                "DeploymentConfiguration", Match.objectLike(Map.of("LifecycleHooks", Match.arrayWith(List.of(Map.of(
                        "TargetType", "PAUSE",
                        "LifecycleStages", List.of("POST_TEST_TRAFFIC_SHIFT"),
                        "TimeoutConfiguration", Map.of("TimeoutInMinutes", 240, "Action", "ROLLBACK"))))))));
    }

    /** The schema cfn-lint knows lags ECS's 2025 hooks: only the checks it lacks are ignored, on native services. */
    @Test
    void cfnLint_findsNoErrors_inEitherPlatform(@TempDir Path dir) {
        CfnLint.assertNoErrors(List.of(CfnLint.write(dir, "staging", staging), CfnLint.write(dir, "prod", prod)));
        prod.hasResource("AWS::ECS::Service", Map.of(
                "Properties", Map.of("ServiceName", "web"),
                "Metadata", Match.objectLike(Map.of("cfn-lint", Map.of("config", Map.of(
                        "ignore_checks", List.of("E3002", "E3003")))))));
        staging.hasResource("AWS::ECS::Service", Map.of(
                "Properties", Map.of("ServiceName", "web"),
                "Metadata", Match.objectLike(Map.of("cfn-lint", Map.of("config", Map.of(
                        "ignore_checks", List.of("E3002")))))));
    }

    @Test
    void nativeService_isCreatedAfterItsGateAlarms_whichEcsRollsBackOn() {
        var services = staging.findResources("AWS::ECS::Service", Map.of("Properties", Map.of("ServiceName", "web")));
        var alarms = staging.findResources("AWS::CloudWatch::Alarm", Map.of("Properties",
                Map.of("AlarmName", "staging-web-5xx")));
        org.assertj.core.api.Assertions.assertThat(alarms).isNotEmpty();
        var service = (Map<?, ?>) services.values().iterator().next();
        @SuppressWarnings("unchecked")
        var dependsOn = (List<Object>) service.get("DependsOn");
        org.assertj.core.api.Assertions.assertThat(dependsOn).isNotEmpty().containsAll(List.copyOf(alarms.keySet()));
    }
}
