package dev.shiplane.infra;

import static dev.shiplane.infra.TemplateShapes.getAtt;
import static dev.shiplane.infra.TemplateShapes.ref;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The notifications topic and Slack secret, and shiplane's alarms and dashboard watching the deploy function. */
class NotificationsAndMonitoringTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        var stack = new Stack(new App(), "Test");
        var core = new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());
        var deploy = new ImagePushDeploy(stack, "Deploy", ImagePushDeployProps.builder()
                .code(DeployStackFixture.deployCode())
                .core(core)
                .ecsServices(DeployStackFixture.SERVICES)
                .taskRoles(DeployStackFixture.TASK_ROLES)
                .build());
        var notifications = new Notifications(stack, "Notifications");
        var monitoring = new DeliveryMonitoring(stack, "Monitoring", notifications.getTopic());
        monitoring.addFunction("deploy", deploy.getFunction(), deploy.getDeadLetterQueue());
        template = Template.fromStack(stack);
    }

    @Test
    void topic_isEncryptedWithARotatedKeyThatCloudWatchMayUse_andRefusesPlainHttp() {
        template.hasResourceProperties("AWS::SNS::Topic", Map.of(
                "TopicName", "shiplane-notifications",
                "KmsMasterKeyId", getAtt("NotificationsTopicKey", "Arn")));
        template.hasResourceProperties("AWS::KMS::Key", Map.of(
                "EnableKeyRotation", true,
                "KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"))))))));
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void slackSecret_isNamed_andHoldsNoValueInTheTemplate() {
        template.hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
                "Name", "shiplane/slack-webhook-url",
                "SecretString", Match.absent()));
    }

    @Test
    void functionErrorsAndThrottles_andDeadLetters_raiseAlarms_thatNotifyTheTopic() {
        for (var alarm : List.of(
                Map.<String, Object>of("AlarmName", "shiplane-deploy-errors", "MetricName", "Errors",
                        "Namespace", "AWS/Lambda"),
                Map.<String, Object>of("AlarmName", "shiplane-deploy-throttles", "MetricName", "Throttles"),
                Map.<String, Object>of("AlarmName", "shiplane-deploy-dead-letters",
                        "MetricName", "ApproximateNumberOfMessagesVisible", "Namespace", "AWS/SQS"))) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                    "AlarmName", alarm.get("AlarmName"),
                    "MetricName", alarm.get("MetricName"),
                    "Threshold", 1,
                    "AlarmActions", List.of(ref("NotificationsTopic")))));
        }
    }

    @Test
    void rollbacks_raiseAnAlarm_fromTheRollbacksTheRollbackAndCanaryFunctionsReport() {
        var rollbackFunctionMetric = Map.of("Namespace", "shiplane", "MetricName", "RollbacksPerformed",
                "Dimensions", List.of(Map.of("Name", "Service", "Value", "shiplane-rollback")));
        var sum = Match.objectLike(Map.of("Expression", "FILL(r, 0) + FILL(c, 0)"));
        var fromRollbackFunction = Match.objectLike(Map.of("Id", "r",
                "MetricStat", Match.objectLike(Map.of("Metric", rollbackFunctionMetric))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "shiplane-rollbacks",
                "Metrics", Match.arrayWith(List.of(sum, fromRollbackFunction)),
                "AlarmActions", List.of(ref("NotificationsTopic"))));
    }

    @Test
    void dashboard_graphsErrorsThrottlesDeadLettersRollbacksAndDeploymentDurations() {
        for (var title : List.of("Function errors", "Function throttles", "Dead-letter queue depth",
                "Rollbacks", "Deployment duration", "DORA: deployment frequency", "DORA: lead time, commit to live",
                "DORA: deployments whose lead time runs from the commit", "Push to live",
                "DORA: change failure rate", "DORA: time to restore")) {
            template.hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of(
                    "DashboardName", "shiplane",
                    "DashboardBody", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                            Match.stringLikeRegexp("\"title\":\"" + title)))))));
        }
    }

    @Test
    void doraWidgets_searchTheEmfMetricsPerEnvAndService_andComputeTheFailureRate() {
        for (var fragment : List.of(
                "SEARCH('{shiplane,env,service} MetricName=\\\"DeploymentCount\\\"', 'Sum', 86400)",
                "SEARCH('{shiplane,env,service} MetricName=\\\"LeadTimeSeconds\\\"', 'p50', 86400)",
                "SEARCH('{shiplane,env,service} MetricName=\\\"LeadTimeFromCommitCount\\\"', 'Sum', 86400)",
                "SEARCH('{shiplane,env,service} MetricName=\\\"PushToLiveSeconds\\\"', 'p50', 86400)",
                "SEARCH('{shiplane,env,service} MetricName=\\\"TimeToRestoreSeconds\\\"', 'p50', 86400)",
                "SUM(SEARCH('{shiplane,env,service} MetricName=\\\"ChangeFailureCount\\\"', 'Sum', 86400))",
                "100 * FILL(f, 0) / (FILL(d, 0) + FILL(f, 0))")) {
            template.hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of(
                    "DashboardBody", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                            Match.stringLikeRegexp(fragment.replaceAll("[.*+?^${}()|\\[\\]\\\\]", "\\\\$0"))))))));
        }
    }
}
