package dev.shiplane.infra;

import static dev.shiplane.infra.TemplateShapes.accountArn;
import static dev.shiplane.infra.TemplateShapes.deliveryEnvironment;
import static dev.shiplane.infra.TemplateShapes.getAtt;
import static dev.shiplane.infra.TemplateShapes.policyOf;
import static dev.shiplane.infra.TemplateShapes.ref;
import static dev.shiplane.infra.TemplateShapes.serviceArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class AlarmRollbackTest {

    private static Template template;
    private static String aliasId;

    @BeforeAll
    static void synth() {
        template = synth(UnaryOperator.identity());
        var aliases = template.findResources("AWS::Lambda::Alias", Map.of("Properties", Map.of("Name", "live")));
        assertThat(aliases).hasSize(1);
        aliasId = aliases.keySet().iterator().next();
    }

    private static Template synth(UnaryOperator<AlarmRollbackProps.Builder> adjust) {
        return ProgressiveConfigFixture.synth((stack, core) -> new AlarmRollback(stack, "Rollback",
                adjust.apply(AlarmRollbackProps.builder()
                        .code(DeployStackFixture.rollbackCode())
                        .core(core)
                        .ecsServices(ProgressiveConfigFixture.SCOPE.ecsServices())
                        .alarmNames(ProgressiveConfigFixture.SCOPE.alarmNames())).build()));
    }

    @Test
    void function_runsTheRollbackHandler_withTheDeliveryEnvironment_andRoomForAWholeEnvironment() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.shiplane.rollback.RollbackHandler::handleRequest",
                "Runtime", "java25",
                "Architectures", List.of("arm64"),
                "MemorySize", 1024,
                "Timeout", 60,
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "ReservedConcurrentExecutions", Match.absent(),
                "Environment", Map.of("Variables", Match.exact(deliveryEnvironment("shiplane-rollback")))));
    }

    @Test
    void gateAlarmRule_onDefaultBus_matchesEveryServicesAlarmsPerEnvironment_inAlarmOnly() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", Match.absent(),
                "EventPattern", Map.of(
                        "source", List.of("aws.cloudwatch"),
                        "detail-type", List.of("CloudWatch Alarm State Change"),
                        "detail", Map.of(
                                // alarmsIn(env): {env}, {cluster} and {service} filled per environment, sorted.
                                "alarmName", List.of("prod-c-api-p99", "prod-web-5xx", "prod-web-health",
                                        "staging-web-5xx", "staging-web-health"),
                                "state", Map.of("value", List.of("ALARM"))))));
    }

    @Test
    void ecsDeploymentFailedRule_onDefaultBus_matchesFailedDeploymentsInTheManagedClusters() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", Match.absent(),
                "EventPattern", Map.of(
                        "source", List.of("aws.ecs"),
                        "detail-type", List.of("ECS Deployment State Change"),
                        "detail", Map.of("eventName", List.of("SERVICE_DEPLOYMENT_FAILED")),
                        "resources", List.of(
                                Map.of("wildcard", "arn:aws:ecs:*:*:service/prod-c/*"),
                                Map.of("wildcard", "arn:aws:ecs:*:*:service/stage-c/*")))));
    }

    @Test
    void rollbackRequestedRule_onShiplaneBus() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", ref("CoreBus"),
                "EventPattern", Map.of("source", List.of("shiplane"), "detail-type", List.of("Rollback Requested"))));
    }

    @Test
    void everyRule_invokesTheLiveAlias_withRetriesAndADeadLetterQueue() {
        var target = Map.of(
                "Arn", Map.of("Ref", aliasId),
                "DeadLetterConfig", Map.of("Arn", getAtt("RollbackDeadLetters", "Arn")),
                "RetryPolicy", Map.of("MaximumEventAgeInSeconds", 3600, "MaximumRetryAttempts", 8));

        assertThat(template.findResources("AWS::Events::Rule",
                Map.of("Properties", Map.of("Targets", List.of(Match.objectLike(target)))))).hasSize(3);
        template.resourceCountIs("AWS::Events::Rule", 3);
        assertThat(template.findResources("AWS::Events::Rule").keySet())
                .anySatisfy(id -> assertThat(id).startsWith("RollbackGateAlarmRule"))
                .anySatisfy(id -> assertThat(id).startsWith("RollbackEcsDeploymentFailedRule"))
                .anySatisfy(id -> assertThat(id).startsWith("RollbackRollbackRequestedRule"));
    }

    @Test
    void role_updatesBothColours_shiftsWeightsOnAlbRulesOnly_andSchedules() {
        template.hasResourceProperties("AWS::IAM::Policy", policyOf("RollbackServiceRole", Map.of(
                "Action", List.of("ecs:DescribeServices", "ecs:UpdateService"),
                "Resource", List.of(
                        serviceArn("stage-c/web-blue"), serviceArn("stage-c/web-green"),
                        serviceArn("prod-c/web-blue"), serviceArn("prod-c/web-green"),
                        serviceArn("prod-c/api")))));
        template.hasResourceProperties("AWS::IAM::Policy", policyOf("RollbackServiceRole", Map.of(
                "Action", "elasticloadbalancing:ModifyRule",
                "Resource", accountArn(":elasticloadbalancing:", true, ":listener-rule/app/*"))));
        template.hasResourceProperties("AWS::IAM::Policy", policyOf("RollbackServiceRole", Map.of(
                "Action", List.of("scheduler:CreateSchedule", "scheduler:DeleteSchedule"),
                "Resource", accountArn(":scheduler:", true, ":schedule/shiplane/*"))));
        template.hasResourceProperties("AWS::IAM::Policy", policyOf("RollbackServiceRole", Map.of(
                "Action", "cloudwatch:DescribeAlarms", "Resource", "*")));
        template.resourcePropertiesCountIs("AWS::IAM::Policy", policyOf("RollbackServiceRole", Map.of(
                "Action", Match.arrayWith(List.of("ecs:RegisterTaskDefinition")))), 0);
    }

    @Test
    void noAlarms_leavesOutTheAlarmRule_ratherThanAnEmptyPattern() {
        var withoutAlarms = synth(b -> b.alarmNames(List.of()));

        withoutAlarms.resourceCountIs("AWS::Events::Rule", 2);
        withoutAlarms.resourcePropertiesCountIs("AWS::Events::Rule",
                Map.of("EventPattern", Match.objectLike(Map.of("source", List.of("aws.cloudwatch")))), 0);
    }

    @Test
    void reservedConcurrency_whenSet_isReserved() {
        synth(b -> b.reservedConcurrency(5)).hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.shiplane.rollback.RollbackHandler::handleRequest",
                "ReservedConcurrentExecutions", 5));
    }

    @Test
    void reservedConcurrencyOfOne_isRejected_becauseRollbacksWouldQueue() {
        var stack = new Stack(new App(), "Test");
        var core = new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());

        assertThatThrownBy(() -> AlarmRollbackProps.builder().code(DeployStackFixture.rollbackCode()).core(core)
                .ecsServices(ProgressiveConfigFixture.SCOPE.ecsServices()).reservedConcurrency(1).build())
                .hasMessageContaining("reservedConcurrency 1 is below 2");
    }

    @Test
    void alarmNameWithAWildcard_isRejected() {
        var stack = new Stack(new App(), "Test");
        var core = new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());

        assertThatThrownBy(() -> AlarmRollbackProps.builder().code(DeployStackFixture.rollbackCode()).core(core)
                .ecsServices(ProgressiveConfigFixture.SCOPE.ecsServices()).alarmNames(List.of("web-*")).build())
                .hasMessageContaining("alarm name 'web-*'");
    }
}
