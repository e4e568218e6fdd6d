package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

class SecretRotationTest {

    private static Template template;
    private static String aliasId;

    @BeforeAll
    static void synth() {
        var stack = new Stack(new App(), "Test");
        var core = new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());
        new SecretRotation(stack, "Rotation", SecretRotationProps.builder()
                .code(Code.fromAsset(RepositoryLayout.locate().rotatePackage().toString()))
                .bus(core.getBus())
                .secretIds(List.of("team/db-password", "team/jwt-secret"))
                .readOnlySecretIds(List.of("team/db-master"))
                .build());
        template = Template.fromStack(stack);
        var aliases = template.findResources("AWS::Lambda::Alias", Map.of("Properties", Map.of("Name", "live")));
        assertThat(aliases).hasSize(1);
        aliasId = aliases.keySet().iterator().next();
    }

    @Test
    void function_runsJava25OnArm_withSnapStart_andKnowsItsBusAndLimits() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java25",
                "Architectures", List.of("arm64"),
                "Handler", "dev.shiplane.rotate.RotateHandler::handleRequest",
                "Timeout", 120,
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "Environment", Map.of("Variables", Map.of(
                        "SHIPLANE_BUS_NAME", Map.of("Ref", Match.stringLikeRegexp("^CoreBus")),
                        "SHIPLANE_ROTATION_STALE_SECONDS", "600",
                        "SHIPLANE_DB_TIMEOUT_SECONDS", "10",
                        "POWERTOOLS_SERVICE_NAME", "shiplane-rotate",
                        "POWERTOOLS_LOG_LEVEL", "INFO"))));
    }

    @Test
    void schedule_firesMonthly_atTheLiveAlias_withRetriesAndADeadLetterQueue() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "ScheduleExpression", "cron(0 0 1 * ? *)",
                "EventBusName", Match.absent(),
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Ref", aliasId),
                        "DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt",
                                List.of(Match.stringLikeRegexp("^RotationDeadLetters"), "Arn"))),
                        "RetryPolicy", Map.of("MaximumEventAgeInSeconds", 21600, "MaximumRetryAttempts", 8))))));
    }

    @Test
    void rotationRequested_onTheShiplaneBus_invokesTheAlias() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", Map.of("Ref", Match.stringLikeRegexp("^CoreBus")),
                "EventPattern", Map.of("source", List.of("shiplane"), "detail-type", List.of("Rotation Requested")),
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", aliasId))))));
        template.resourceCountIs("AWS::Events::Rule", 2);
    }

    @Test
    void secretsManager_mayInvokeTheAlias_forThisAccountOnly() {
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction",
                "FunctionName", Map.of("Ref", aliasId),
                "Principal", "secretsmanager.amazonaws.com",
                "SourceAccount", Map.of("Ref", "AWS::AccountId")));
    }

    @Test
    void role_rotatesExactlyTheManagedSecrets() {
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", List.of("secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds",
                        "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue",
                        "secretsmanager:UpdateSecretVersionStage"),
                "Resource", List.of(secretArn("team/db-password"), secretArn("team/jwt-secret")))));
    }

    @Test
    void role_onlyReadsTheMasterSecret_andGeneratesPasswordsAnywhere_andPutsEventsOnTheBus() {
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", List.of("secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"),
                "Resource", secretArn("team/db-master"))));
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", "secretsmanager:GetRandomPassword", "Resource", "*")));
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", "events:PutEvents",
                "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^CoreBus"), "Arn")))));
    }

    @Test
    void ruleIds_areReadableInLogicalIds() {
        assertThat(template.findResources("AWS::Events::Rule").keySet())
                .anySatisfy(id -> assertThat(id).startsWith("RotationMonthlySchedule"))
                .anySatisfy(id -> assertThat(id).startsWith("RotationRotationRequestedRule"));
    }

    private static Map<String, Object> policyWith(Map<String, Object> statement) {
        return Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(statement)))));
    }

    /** What Stack.formatArn renders for a secret name in an environment-agnostic stack. */
    private static Map<String, Object> secretArn(String name) {
        return Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":secretsmanager:",
                Map.of("Ref", "AWS::Region"), ":", Map.of("Ref", "AWS::AccountId"), ":secret:" + name + "-??????")));
    }
}
