package dev.shiplane.infra;

import static dev.shiplane.infra.TemplateShapes.getAtt;
import static dev.shiplane.infra.TemplateShapes.policyOf;
import static dev.shiplane.infra.TemplateShapes.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.notify.Announcements;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/** The notify function: its own rule on the bus, retries then a dead-letter queue, and a role that only notifies. */
class NotifyTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        var stack = new Stack(new App(), "Test");
        var core = new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());
        var notifications = new Notifications(stack, "Notifications");
        new Notify(stack, "Notify", NotifyProps.builder()
                .code(notifyCode())
                .bus(core.getBus())
                .ledger(core.getLedger())
                .topic(notifications.getTopic())
                .slackWebhookUrl(notifications.getSlackWebhookUrl())
                .build());
        template = Template.fromStack(stack);
    }

    static Code notifyCode() {
        return Code.fromAsset(RepositoryLayout.locate().notifyPackage().toString());
    }

    @Test
    void function_knowsTheSecretTopicLedgerAndDashboard_byReference() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.shiplane.notify.NotifyHandler::handleRequest",
                "Timeout", 30,
                "Environment", Map.of("Variables", Map.of(
                        "SHIPLANE_SLACK_SECRET_ID", ref("NotificationsSlackWebhookUrl"),
                        "SHIPLANE_NOTIFY_TOPIC_ARN", ref("NotificationsTopic"),
                        "SHIPLANE_LEDGER_TABLE", ref("CoreLedger"),
                        "SHIPLANE_DASHBOARD_NAME", "shiplane",
                        "POWERTOOLS_SERVICE_NAME", "shiplane-notify",
                        "POWERTOOLS_METRICS_NAMESPACE", "shiplane",
                        "POWERTOOLS_LOG_LEVEL", "INFO"))));
    }

    @Test
    void lifecycleRule_onTheBus_matchesTheAnnouncedDetailTypes_andInvokesTheAliasWithRetriesAndADlq() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", ref("CoreBus"),
                "EventPattern", Map.of("source", List.of("shiplane"), "detail-type", Announcements.DETAIL_TYPES),
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", ref("NotifyLiveAlias"),
                        "DeadLetterConfig", Map.of("Arn", getAtt("NotifyDeadLetters", "Arn")),
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 8, "MaximumEventAgeInSeconds", 21600))))));
        assertThat(Announcements.DETAIL_TYPES).contains("Deployment Rolled Back", "Freeze Started", "Rotation Failed")
                .doesNotContain("Image Pushed", "Deployment Verified", "Rollback Requested");
    }

    @Test
    void failedInvocations_areRetriedByLambda_thenSentToTheDeadLetterQueue() {
        template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                "FunctionName", ref("Notify"),
                "MaximumRetryAttempts", 2,
                "MaximumEventAgeInSeconds", 21600,
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination", getAtt("NotifyDeadLetters", "Arn")))));
    }

    @Test
    void role_mayReadOnlyTheSlackSecret_publishOnlyToTheTopic_andOnlyClaimInTheLedger() {
        template.hasResourceProperties("AWS::IAM::Policy", policyOf("NotifyServiceRole", Map.of(
                "Action", "secretsmanager:GetSecretValue",
                "Resource", ref("NotificationsSlackWebhookUrl"))));
        template.hasResourceProperties("AWS::IAM::Policy", policyOf("NotifyServiceRole", Map.of(
                "Action", "sns:Publish", "Resource", ref("NotificationsTopic"))));
        template.hasResourceProperties("AWS::IAM::Policy", policyOf("NotifyServiceRole", Map.of(
                "Action", List.of("dynamodb:PutItem", "dynamodb:DeleteItem"),
                "Resource", List.of(getAtt("CoreLedger", "Arn")))));
        // The topic's key: publishing to an encrypted topic needs a data key, nothing more.
        template.hasResourceProperties("AWS::IAM::Policy", policyOf("NotifyServiceRole", Map.of(
                "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                "Resource", getAtt("NotificationsTopicKey", "Arn"))));
        var policies = template.findResources("AWS::IAM::Policy", Map.of("Properties", Map.of(
                "Roles", List.of(ref("NotifyServiceRole")))));
        assertThat(policies.toString()).doesNotContain("events:PutEvents", "ecs:", "\"*\"", "dynamodb:Query",
                "dynamodb:GetItem", "secretsmanager:PutSecretValue");
    }

    @Test
    void props_refuseATimeoutTooShortForSlacksRetries_andABadDashboardName() {
        var stack = new Stack(new App(), "Bad");
        var core = new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());
        var notifications = new Notifications(stack, "Notifications");
        var builder = NotifyProps.builder().code(notifyCode()).bus(core.getBus()).ledger(core.getLedger())
                .topic(notifications.getTopic()).slackWebhookUrl(notifications.getSlackWebhookUrl());

        assertThatThrownBy(() -> builder.timeout(Duration.seconds(5)).build()).hasMessageContaining("timeout 5 s");
        assertThatThrownBy(() -> builder.timeout(Duration.seconds(30)).dashboardName("a b").build())
                .hasMessageContaining("dashboardName 'a b'");
    }
}
