package dev.shiplane.infra;

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
    void function_environment_namesBusLedgerLeaseAndPowertools() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Environment", Map.of("Variables", Map.of(
                        "SHIPLANE_BUS_NAME", Map.of("Ref", Match.stringLikeRegexp("^CoreBus")),
                        "SHIPLANE_LEDGER_TABLE", Map.of("Ref", Match.stringLikeRegexp("^CoreLedger")),
                        "SHIPLANE_LEASE_SECONDS", "120",
                        "POWERTOOLS_SERVICE_NAME", "shiplane-deploy",
                        "POWERTOOLS_METRICS_NAMESPACE", "shiplane",
                        "POWERTOOLS_LOG_LEVEL", "INFO"))));
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
    void role_passesRolesOnlyToEcsTasks() {
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", "iam:PassRole",
                "Condition", Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com")),
                "Resource", accountArn(":iam:", false, ":role/*"))));
    }

    @Test
    void role_readsAndWritesTheLedger_andPutsEventsOnTheBus() {
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                // arrayWith keeps order: these appear in the order CDK's grantReadWriteData lists them.
                "Action", Match.arrayWith(List.of("dynamodb:Query", "dynamodb:GetItem",
                        "dynamodb:ConditionCheckItem", "dynamodb:PutItem", "dynamodb:UpdateItem")),
                "Resource", List.of(Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^CoreLedger"), "Arn"))))));
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", "events:PutEvents",
                "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^CoreBus"), "Arn")))));
    }

    private static Map<String, Object> policyWith(Map<String, Object> statement) {
        return Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(statement)))));
    }

    private static Map<String, Object> serviceArn(String clusterAndService) {
        return accountArn(":ecs:", true, ":service/" + clusterAndService);
    }

    /** What Stack.formatArn renders in an environment-agnostic stack. */
    private static Map<String, Object> accountArn(String service, boolean regional, String resource) {
        var parts = regional
                ? List.<Object>of("arn:", Map.of("Ref", "AWS::Partition"), service, Map.of("Ref", "AWS::Region"), ":",
                        Map.of("Ref", "AWS::AccountId"), resource)
                : List.<Object>of("arn:", Map.of("Ref", "AWS::Partition"), service + ":",
                        Map.of("Ref", "AWS::AccountId"), resource);
        return Map.of("Fn::Join", List.of("", parts));
    }
}
