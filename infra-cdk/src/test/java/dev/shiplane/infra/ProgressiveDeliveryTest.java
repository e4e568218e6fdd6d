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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ProgressiveDeliveryTest {

    private static Template template;
    private static String aliasId;

    @BeforeAll
    static void synth() {
        template = ProgressiveConfigFixture.synth((stack, core) -> new ProgressiveDelivery(stack, "Canary",
                ProgressiveDeliveryProps.builder()
                        .code(DeployStackFixture.canaryCode())
                        .core(core)
                        .ecsServices(ProgressiveConfigFixture.SCOPE.ecsServices())
                        .build()));
        var aliases = template.findResources("AWS::Lambda::Alias", Map.of("Properties", Map.of("Name", "live")));
        assertThat(aliases).hasSize(1);
        aliasId = aliases.keySet().iterator().next();
    }

    @Test
    void function_runsTheCanaryHandler_likeEveryShiplaneFunction_withTheDeliveryEnvironment() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.shiplane.canary.CanaryHandler::handleRequest",
                "Runtime", "java25",
                "Architectures", List.of("arm64"),
                "MemorySize", 1024,
                "Timeout", 30,
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "Environment", Map.of("Variables", Match.exact(deliveryEnvironment("shiplane-canary")))));
    }

    @Test
    void stepDueRule_onShiplaneBus_matchesCanaryStepDue() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", ref("CoreBus"),
                "EventPattern", Map.of("source", List.of("shiplane"), "detail-type", List.of("Canary Step Due"))));
    }

    @Test
    void operatorRequestRule_onShiplaneBus_matchesPromoteAbortPauseResume() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", ref("CoreBus"),
                "EventPattern", Map.of("source", List.of("shiplane"), "detail-type", List.of(
                        "Promote Requested", "Abort Requested", "Pause Requested", "Resume Requested"))));
    }

    @Test
    void everyRule_invokesTheLiveAlias_withRetriesAndADeadLetterQueue() {
        var target = Map.of(
                "Arn", Map.of("Ref", aliasId),
                "DeadLetterConfig", Map.of("Arn", getAtt("CanaryDeadLetters", "Arn")),
                "RetryPolicy", Map.of("MaximumEventAgeInSeconds", 3600, "MaximumRetryAttempts", 8));

        assertThat(template.findResources("AWS::Events::Rule",
                Map.of("Properties", Map.of("Targets", List.of(Match.objectLike(target)))))).hasSize(3);
        template.resourceCountIs("AWS::Events::Rule", 3);
        assertThat(template.findResources("AWS::Events::Rule").keySet())
                .anySatisfy(id -> assertThat(id).startsWith("CanaryCanaryStepDueRule"))
                .anySatisfy(id -> assertThat(id).startsWith("CanaryOperatorRequestRule"))
                .anySatisfy(id -> assertThat(id).startsWith("CanaryCheckResultRule"));
    }

    @Test
    void checkResults_ofThePreTrafficAndPostPromotionGates_reachTheCanaryFunction_notTheScanGates() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Map.of("source", List.of("shiplane"),
                        "detail-type", List.of("Gate Passed", "Gate Failed"),
                        "detail", Map.of("gate", List.of("pre-traffic", "post-promotion")))));
    }

    @Test
    void role_updatesBothColoursOfTheCanaryService_andTheRollingServiceAsItIs() {
        template.hasResourceProperties("AWS::IAM::Policy", policyOf("CanaryServiceRole", Map.of(
                "Action", List.of("ecs:DescribeServices", "ecs:UpdateService"),
                "Resource", List.of(
                        serviceArn("stage-c/web-blue"), serviceArn("stage-c/web-green"),
                        serviceArn("prod-c/web-blue"), serviceArn("prod-c/web-green"),
                        serviceArn("prod-c/api")))));
    }

    @Test
    void role_modifiesListenerRulesOfApplicationLoadBalancersOnly_neverStar() {
        template.hasResourceProperties("AWS::IAM::Policy", policyOf("CanaryServiceRole", Map.of(
                "Action", "elasticloadbalancing:ModifyRule",
                "Resource", accountArn(":elasticloadbalancing:", true, ":listener-rule/app/*"))));
        template.resourcePropertiesCountIs("AWS::IAM::Policy", policyOf("CanaryServiceRole", Map.of(
                "Action", Match.arrayWith(List.of("elasticloadbalancing:ModifyRule")), "Resource", "*")), 0);
    }

    @Test
    void role_readsAndWritesTheLedger_putsEventsOnTheBus_andSchedulesInTheShiplaneGroup() {
        template.hasResourceProperties("AWS::IAM::Policy", policyOf("CanaryServiceRole", Map.of(
                "Action", Match.arrayWith(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem")),
                "Resource", List.of(getAtt("CoreLedger", "Arn")))));
        template.hasResourceProperties("AWS::IAM::Policy", policyOf("CanaryServiceRole", Map.of(
                "Action", "events:PutEvents", "Resource", getAtt("CoreBus", "Arn"))));
        template.hasResourceProperties("AWS::IAM::Policy", policyOf("CanaryServiceRole", Map.of(
                "Action", List.of("scheduler:CreateSchedule", "scheduler:DeleteSchedule"),
                "Resource", accountArn(":scheduler:", true, ":schedule/shiplane/*"))));
        template.hasResourceProperties("AWS::IAM::Policy", policyOf("CanaryServiceRole", Map.of(
                "Action", "iam:PassRole", "Resource", getAtt("CoreSchedulerRole", "Arn"))));
        template.hasResourceProperties("AWS::IAM::Policy", policyOf("CanaryServiceRole", Map.of(
                "Action", "cloudwatch:DescribeAlarms", "Resource", "*")));
    }

    @Test
    void role_cannotRegisterTaskDefinitions_thatIsTheDeployFunctionsJob() {
        template.resourcePropertiesCountIs("AWS::IAM::Policy", policyOf("CanaryServiceRole", Map.of(
                "Action", Match.arrayWith(List.of("ecs:RegisterTaskDefinition")))), 0);
        template.resourcePropertiesCountIs("AWS::IAM::Policy", policyOf("CanaryServiceRole", Map.of(
                "Condition", Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com")))), 0);
    }

    @Test
    void noEcsServices_isRejectedByName() {
        var stack = new Stack(new App(), "Test");
        var core = new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());

        assertThatThrownBy(() -> ProgressiveDeliveryProps.builder().code(DeployStackFixture.canaryCode()).core(core)
                .build()).hasMessageContaining("ecsServices is empty");
    }
}
