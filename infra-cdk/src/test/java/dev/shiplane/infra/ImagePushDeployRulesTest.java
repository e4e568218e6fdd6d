package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ImagePushDeployRulesTest {

    private static Template template;
    private static String aliasId;

    @BeforeAll
    static void synth() {
        template = DeployStackFixture.synth();
        var aliases = template.findResources("AWS::Lambda::Alias", Map.of("Properties", Map.of("Name", "live")));
        assertThat(aliases).hasSize(1);
        aliasId = aliases.keySet().iterator().next();
    }

    @Test
    void ecrPushRule_onDefaultBus_matchesSuccessfulPushesInTheConfiguredNamespaces() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", Match.absent(),
                "EventPattern", Map.of(
                        "source", List.of("aws.ecr"),
                        "detail-type", List.of("ECR Image Action"),
                        "detail", Map.of(
                                "action-type", List.of("PUSH"),
                                "result", List.of("SUCCESS"),
                                "repository-name", List.of(Map.of("prefix", "team/"))))));
    }

    @Test
    void imagePushedRule_onShiplaneBus_matchesPushesPromotionsVerificationsRedeploysAndSuccesses() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", Map.of("Ref", Match.stringLikeRegexp("^CoreBus")),
                "EventPattern", Map.of(
                        "source", List.of("shiplane"),
                        "detail-type", List.of("Image Pushed", "Promotion Due", "Verification Due",
                                "Redeploy Requested", "Deploy Requested", "Scan Timeout Due",
                                "Deployment Succeeded"))));
    }

    @Test
    void scanRules_onDefaultBus_matchEcrAndInspectorScansOfTheConfiguredNamespaces() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", Match.absent(),
                "EventPattern", Map.of(
                        "source", List.of("aws.ecr"),
                        "detail-type", List.of("ECR Image Scan"),
                        "detail", Map.of("repository-name", List.of(Map.of("prefix", "team/"))))));
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", Match.absent(),
                "EventPattern", Map.of(
                        "source", List.of("aws.inspector2"),
                        "detail-type", List.of("Inspector2 Scan"),
                        "detail", Map.of("scan-status", List.of("INITIAL_SCAN_COMPLETE"),
                                "repository-name", List.of(Map.of("wildcard", "arn:aws:ecr:*:*:repository/team/*"))))));
    }

    @Test
    void scanLookups_areAllowedOnTheConfiguredRepositoriesOnly() {
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", List.of("ecr:DescribeImageScanFindings", "ecr:BatchGetRepositoryScanningConfiguration"),
                        "Resource", Match.arrayWith(List.of(Match.objectLike(Map.of("Fn::Join",
                                Match.arrayWith(List.of(Match.arrayWith(List.of(
                                        Match.stringLikeRegexp(":repository/team/"))))))))))))))));
    }

    @Test
    void ecsDeploymentStateRule_onDefaultBus_matchesOnlyCompletedDeployments_failuresAreTheRollbacks() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", Match.absent(),
                "EventPattern", Map.of(
                        "source", List.of("aws.ecs"),
                        "detail-type", List.of("ECS Deployment State Change"),
                        "detail", Map.of("eventName", List.of("SERVICE_DEPLOYMENT_COMPLETED")),
                        "resources", List.of(
                                Map.of("wildcard", "arn:aws:ecs:*:*:service/prod-cluster/*"),
                                Map.of("wildcard", "arn:aws:ecs:*:*:service/staging-cluster/*")))));
    }

    @Test
    void everyRule_invokesTheLiveAlias_withRetriesAndADeadLetterQueue() {
        var target = Map.of(
                "Arn", Map.of("Ref", aliasId),
                "DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt",
                        List.of(Match.stringLikeRegexp("^DeployDeadLetters"), "Arn"))),
                "RetryPolicy", Map.of("MaximumEventAgeInSeconds", 3600, "MaximumRetryAttempts", 8));
        var rulesWithThatTarget = template.findResources("AWS::Events::Rule",
                Map.of("Properties", Map.of("Targets", List.of(Match.objectLike(target)))));

        assertThat(rulesWithThatTarget).hasSize(5);
        template.resourceCountIs("AWS::Events::Rule", 5);
        template.resourcePropertiesCountIs("AWS::Lambda::Permission",
                Map.of("FunctionName", Map.of("Ref", aliasId), "Principal", "events.amazonaws.com"), 5);
    }

    @Test
    void deadLetterQueue_isEncrypted_andRefusesPlainHttp() {
        template.hasResourceProperties("AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true));
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void ruleIds_areReadableInLogicalIds() {
        assertThat(template.findResources("AWS::Events::Rule").keySet())
                .anySatisfy(id -> assertThat(id).startsWith("DeployEcrPushRule"))
                .anySatisfy(id -> assertThat(id).startsWith("DeployImagePushedRule"))
                .anySatisfy(id -> assertThat(id).startsWith("DeployEcsDeploymentStateRule"));
    }
}
