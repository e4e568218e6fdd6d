package dev.shiplane.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.contract.environment.NotifyEnvironment;
import dev.shiplane.deploy.DeployHandler;
import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.Invocations;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The notify function through its real handler: Slack played by a local HTTP server, the webhook URL in Secrets
 * Manager, the notifications topic in SNS (read back through an SQS queue subscribed to it) and the claims in the
 * ledger table, all on the emulator.
 */
@ExtendWith(EmulatorExtension.class)
class NotifyHandlerIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "shiplane/slack-webhook-url";

    TestAws aws;
    SlackStandIn slack;
    String topicArn;
    String topicQueue;
    Map<String, String> env;
    NotifyHandler notify;

    @BeforeEach
    void world(TestAws aws) throws Exception {
        this.aws = aws;
        slack = new SlackStandIn();
        aws.createLedgerTable("shiplane-ledger");
        aws.build(SecretsManagerClient.builder()).createSecret(r -> r.name(SECRET).secretString(slack.url()));
        var sns = aws.build(SnsClient.builder());
        topicArn = sns.createTopic(r -> r.name("shiplane-notifications")).topicArn();
        topicQueue = aws.sqs().createQueue(r -> r.queueName("notifications-inbox")).queueUrl();
        var queueArn = aws.sqs().getQueueAttributes(r -> r.queueUrl(topicQueue)
                .attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        env = aws.environment(Map.of("SHIPLANE_LEDGER_TABLE", "shiplane-ledger",
                NotifyEnvironment.SLACK_SECRET_ID, SECRET, NotifyEnvironment.TOPIC_ARN, topicArn,
                NotifyEnvironment.DASHBOARD_NAME, "shiplane"));
        notify = new NotifyHandler(env);
    }

    @AfterEach
    void stopSlack() {
        slack.close();
    }

    static byte[] sample(String name) {
        return RepoFiles.bytes("events/shiplane/" + name);
    }

    /** The topic's messages, as SNS delivered them to the subscribed queue: {Subject, Message}. */
    List<JsonNode> topicMessages() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (var m : aws.sqs().receiveMessage(r -> r.queueUrl(topicQueue).maxNumberOfMessages(10)).messages()) {
            out.add(JSON.readTree(m.body()));
            aws.sqs().deleteMessage(r -> r.queueUrl(topicQueue).receiptHandle(m.receiptHandle()));
        }
        return out;
    }

    @Test
    void rolledBack_postsItsBlockKitMessage_andPublishesTheSummaryToTheTopic() throws Exception {
        Invocations.invoke(notify, sample("deployment-rolled-back.json"));

        var message = JSON.readTree(slack.posted().getFirst());
        assertThat(slack.posted()).hasSize(1);
        assertThat(message.path("text").asText()).isEqualTo(":rewind: api 2.0.0 rolled back in staging (alarm)");
        var attachment = message.path("attachments").get(0);
        assertThat(attachment.path("color").asText()).isEqualTo("#a30200");
        var blocks = attachment.path("blocks");
        assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).path("text").path("text").asText())
                .isEqualTo(":rewind: api 2.0.0 rolled back in staging (alarm)");
        List<String> fields = new ArrayList<>();
        blocks.get(1).path("fields").forEach(f -> fields.add(f.path("text").asText()));
        assertThat(fields).containsExactly("*Service*\napi", "*Env*\nstaging", "*Image*\nmonynha/api:2.0.0",
                "*Restored*\nmonynha-staging-api:1");
        assertThat(blocks.get(2).path("text").path("text").asText()).startsWith("staging-api-5xx: Threshold Crossed");
        assertThat(blocks.get(3).path("elements").get(0).path("text").asText()).isEqualTo(
                "<https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1"
                        + "#dashboards/dashboard/shiplane|CloudWatch dashboard shiplane>");
        assertThat(slack.posted().getFirst()).as("the webhook URL is the secret").doesNotContain(slack.url())
                .doesNotContain("/services/");

        var published = topicMessages();
        assertThat(published).hasSize(1);
        assertThat(published.getFirst().path("Subject").asText())
                .isEqualTo("shiplane ALERT: api 2.0.0 rolled back in staging (alarm)");
        assertThat(published.getFirst().path("Message").asText()).contains("Service: api", "Env: staging",
                "Restored: monynha-staging-api:1", "#dashboards/dashboard/shiplane").doesNotContain(slack.url());
    }

    @Test
    void rateLimitedOnce_thenAccepted_postsExactlyOneMessage() throws Exception {
        slack.answerNext(429, "rate_limited", "1");

        Invocations.invoke(notify, sample("deployment-succeeded.json"));

        assertThat(slack.requests()).hasSize(2);
        assertThat(slack.posted()).hasSize(1);
        assertThat(topicMessages()).hasSize(1);
    }

    @Test
    void slackFailingForever_failsTheInvocation_forTheDeadLetterQueue_whileADeployIsUnaffected() throws Exception {
        slack.answerAlways(500, "internal_error");

        assertThatThrownBy(() -> Invocations.invoke(notify, sample("deployment-rolled-back.json")))
                .isInstanceOf(dev.shiplane.core.notify.NotifyService.SlackUnavailableException.class)
                .hasMessageContaining("3 attempts").hasMessageNotContaining(slack.url());
        assertThat(slack.requests()).hasSize(3);
        assertThat(slack.posted()).isEmpty();

        // Meanwhile a push is deployed: the delivery functions never wait on notifications.
        assertThat(deployAPush()).contains("Deployment Started");

        // EventBridge retries the failed event once Slack is back: the topic is not told twice, Slack once.
        slack.recover();
        Invocations.invoke(notify, sample("deployment-rolled-back.json"));
        assertThat(slack.posted()).hasSize(1);
        assertThat(topicMessages()).hasSize(1);
    }

    @Test
    void redeliveredEvent_postsOnce() throws Exception {
        Invocations.invoke(notify, sample("freeze-started.json"));
        Invocations.invoke(new NotifyHandler(env), sample("freeze-started.json"));

        assertThat(slack.posted()).singleElement().asString().contains(":snowflake: staging frozen until");
        assertThat(topicMessages()).hasSize(1);
    }

    @Test
    void slackRefusingTheMessage_dropsIt_withoutFailing() throws Exception {
        slack.answerNext(404, "no_service", null);

        Invocations.invoke(notify, sample("deployment-failed.json"));

        assertThat(slack.requests()).hasSize(1);
        assertThat(topicMessages()).hasSize(1);
    }

    @Test
    void placeholderSecret_skipsSlack_butTheTopicIsTold() throws Exception {
        aws.build(SecretsManagerClient.builder()).putSecretValue(r -> r.secretId(SECRET)
                .secretString("q7#Vk2!placeholder-generated-by-cloudformation"));
        var fresh = new NotifyHandler(env);

        Invocations.invoke(fresh, sample("deployment-started.json"));

        assertThat(slack.requests()).isEmpty();
        assertThat(topicMessages()).hasSize(1);
    }

    @Test
    void silentEvents_sendNothing() throws Exception {
        Invocations.invoke(notify, sample("image-pushed.json"));

        assertThat(slack.requests()).isEmpty();
        assertThat(topicMessages()).isEmpty();
    }

    /** The deploy function taking an ECR push: Image Pushed, then the deployment it starts. */
    List<String> deployAPush() throws Exception {
        var busArn = aws.createBus("shiplane");
        var tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        aws.ecsService("monynha-staging", "web", "web", "monynha/web:1.0.0");
        aws.ecsService("monynha-prod", "web", "web", "monynha/web:1.0.0");
        var deploy = new DeployHandler(aws.environment(Map.of(
                "SHIPLANE_CONFIG_FILE", RepoFiles.path("functions/testkit/configs/rolling.yml").toString(),
                "SHIPLANE_BUS_NAME", "shiplane", "SHIPLANE_BUS_ARN", busArn, "SHIPLANE_LEDGER_TABLE", "shiplane-ledger",
                "SHIPLANE_SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/scheduler")));
        Invocations.invoke(deploy, RepoFiles.bytes("events/aws/ecr-image-push.json"));
        List<String> seen = new ArrayList<>();
        for (var body : tap.drain()) {
            seen.add(BusTap.detailType(body));
            if ("Image Pushed".equals(BusTap.detailType(body))) {
                Invocations.invoke(deploy, body.getBytes(StandardCharsets.UTF_8));
                seen.addAll(tap.drainDetailTypes());
            }
        }
        return seen;
    }
}
