package dev.shiplane.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * Where shiplane tells people things: an SNS topic (child {@code Topic}, encrypted with its own KMS key, child
 * {@code TopicKey}) that shiplane's alarms publish to and that people or a chat integration subscribe to, and the
 * secret that will hold the Slack incoming-webhook URL (child {@code SlackWebhookUrl}) for the notify function. The
 * secret is created with a placeholder value: put the real URL in it
 * ({@code aws secretsmanager put-secret-value --secret-id shiplane/slack-webhook-url --secret-string https://...}).
 */
public final class Notifications extends Construct {

    public static final String TOPIC_NAME = "shiplane-notifications";
    public static final String SLACK_SECRET_NAME = "shiplane/slack-webhook-url";

    private final Topic topic;
    private final Secret slackWebhookUrl;

    public Notifications(Construct scope, String id) {
        super(scope, id);
        // A customer managed key: CloudWatch alarms cannot publish to a topic encrypted with the AWS managed
        // aws/sns key, whose policy cannot admit them.
        var key = Key.Builder.create(this, "TopicKey")
                .description("shiplane: encrypts the notifications topic")
                .enableKeyRotation(true)
                .build();
        key.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
        topic = Topic.Builder.create(this, "Topic")
                .topicName(TOPIC_NAME)
                .displayName("shiplane")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        slackWebhookUrl = Secret.Builder.create(this, "SlackWebhookUrl")
                .secretName(SLACK_SECRET_NAME)
                .description("shiplane: the Slack incoming-webhook URL notifications are posted to; replace the"
                        + " generated placeholder with the URL Slack issued")
                .build();
        NagSuppressions.addResourceSuppressions(slackWebhookUrl, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SMG4")
                .reason("A Slack incoming-webhook URL is issued by Slack; no rotation function can obtain a new one,"
                        + " so it is replaced by hand when Slack revokes or reissues it")
                .build()));
    }

    /** The topic alarms publish to and people subscribe to. */
    public ITopic getTopic() {
        return topic;
    }

    /** The secret holding the Slack webhook URL; pass its ARN, never its value. */
    public ISecret getSlackWebhookUrl() {
        return slackWebhookUrl;
    }
}
