package dev.shiplane.infra;

import static dev.shiplane.infra.TemplateShapes.accountArn;
import static dev.shiplane.infra.TemplateShapes.deliveryEnvironment;
import static dev.shiplane.infra.TemplateShapes.getAtt;
import static dev.shiplane.infra.TemplateShapes.policyWith;
import static dev.shiplane.infra.TemplateShapes.serviceArn;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ImagePushDeployFunctionTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = DeployStackFixture.synth();
    }

    @Test
    void function_runsJava25OnArm_withSnapStartOnPublishedVersions() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java25",
                "Architectures", List.of("arm64"),
                "Handler", "dev.shiplane.deploy.DeployHandler::handleRequest",
                "MemorySize", 1024,
                "Timeout", 30,
                "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
    }

    @Test
    void function_environment_namesBusLedgerScheduleGroupSchedulerRoleLeaseAndLogSettings() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.shiplane.deploy.DeployHandler::handleRequest",
                "Environment", Map.of("Variables", Match.exact(deliveryEnvironment("shiplane-deploy")))));
    }

    @Test
    void liveAlias_pointsAtAPublishedVersion() {
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of(
                "Name", "live",
                "FunctionVersion", Map.of("Fn::GetAtt", List.of(
                        Match.stringLikeRegexp("^DeployCurrentVersion"), "Version"))));
        template.resourceCountIs("AWS::Lambda::Version", 1);
    }

    @Test
    void logGroup_hasRetention_andIsTheFunctionsLogGroup() {
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "LoggingConfig", Map.of("LogGroup", Map.of("Ref", Match.stringLikeRegexp("^DeployLogGroup")))));
    }

    @Test
    void role_mayUpdateExactlyTheConfiguredServices() {
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", List.of("ecs:DescribeServices", "ecs:UpdateService"),
                "Effect", "Allow",
                "Resource", List.of(
                        serviceArn("staging-cluster/web"),
                        serviceArn("staging-cluster/api-service"),
                        serviceArn("prod-cluster/web")))));
    }

    @Test
    void role_readsImagesOfTheConfiguredRepositoriesOnly_forManualDeploysAndPushCommits() {
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", List.of("ecr:DescribeImages", "ecr:BatchGetImage"),
                "Resource", List.of(
                        Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(":repository/team/api")))),
                        Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(":repository/team/web"))))))));
    }

    @Test
    void role_registersTaskDefinitions_andTagsOnlyWhileRegistering() {
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", List.of("ecs:DescribeTaskDefinition", "ecs:RegisterTaskDefinition"),
                "Resource", "*")));
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", "ecs:TagResource",
                "Condition", Map.of("StringEquals", Map.of("ecs:CreateAction", "RegisterTaskDefinition")),
                "Resource", accountArn(":ecs:", true, ":task-definition/*"))));
    }

    @Test
    void role_listsAndDeregistersTaskDefinitions_forTheRevisionCleanup() {
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", List.of("ecs:ListTaskDefinitions", "ecs:DeregisterTaskDefinition"),
                "Resource", "*")));
    }

    @Test
    void role_passesOnlyTheServicesTaskRoles_andOnlyToEcsTasks() {
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", "iam:PassRole",
                "Condition", Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com")),
                "Resource", List.of(accountArn(":iam:", false, ":role/api-exec"),
                        accountArn(":iam:", false, ":role/web-exec"), accountArn(":iam:", false, ":role/web-task")))));
    }

    @Test
    void role_queriesTheHistoryIndex_byItsExactArn() {
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", "dynamodb:Query",
                "Resource", Map.of("Fn::Join", List.of("", List.of(
                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^CoreLedger"), "Arn")),
                        "/index/history"))))));
    }

    @Test
    void role_readsAndWritesTheLedger_andPutsEventsOnTheBus() {
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"),
                "Resource", List.of(Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^CoreLedger"), "Arn"))))));
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", "events:PutEvents",
                "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^CoreBus"), "Arn")))));
    }

    @Test
    void role_shiftsWeightsOnApplicationLoadBalancerRulesOnly_andDescribesWhatIamOffersOnlyOnStar() {
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", "elasticloadbalancing:ModifyRule",
                "Resource", accountArn(":elasticloadbalancing:", true, ":listener-rule/app/*"))));
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", List.of("elasticloadbalancing:DescribeTargetGroups",
                        "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeRules"),
                "Resource", "*")));
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", "cloudwatch:DescribeAlarms", "Resource", "*")));
    }

    @Test
    void role_schedulesInShiplanesGroupOnly_andPassesOnlyTheSchedulerRoleToScheduler() {
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", List.of("scheduler:CreateSchedule", "scheduler:DeleteSchedule"),
                "Resource", accountArn(":scheduler:", true, ":schedule/shiplane/*"))));
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", "iam:PassRole",
                "Condition", Map.of("StringEquals", Map.of("iam:PassedToService", "scheduler.amazonaws.com")),
                "Resource", getAtt("CoreSchedulerRole", "Arn"))));
    }
}
