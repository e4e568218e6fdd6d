package dev.shiplane.reliability;

import dev.shiplane.contract.environment.CommonEnvironment;
import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.contract.environment.NotifyEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.notify.NotifyHandler;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.EmulatorGateway.Fault;
import dev.shiplane.testkit.Invocations;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The notify function's own AWS calls faulted: {@code Deployment Rolled Back} (the sample in events/shiplane) is
 * announced on the notifications topic and in Slack while the Nth call the function makes (each channel's claim in
 * the ledger table, the SNS publish, the Slack URL from Secrets Manager) fails on every SDK attempt, or on the first
 * only. The failed invocation is delivered again with the same event id, as EventBridge retries it, until it
 * completes. Afterwards Slack shows the message exactly once (nothing faulted can fail after Slack took it), the topic
 * carries it at least once (again only where the publish itself lost its answer), both channels' claims are in the
 * ledger, and the Slack URL (the credential) is in no log line or failure.
 */
@ExtendWith(EmulatorExtension.class)
class NotifyFaultsIT {

    static final Figures FIGURES = new Figures("notify-faults");
    static final String EVENT = "events/shiplane/deployment-rolled-back.json";
    static final String SLACK_SECRET = "shiplane/slack-webhook-url";
    /** EventBridge retries a failed asynchronous invocation; bounded so an event that never completes fails. */
    static final int MAX_DELIVERIES = 5;
    static final int ALL_ATTEMPTS = Integer.MAX_VALUE;

    static FunctionCalls calls;

    @BeforeAll
    static void gateway() {
        calls = new FunctionCalls();
    }

    @AfterAll
    static void report() {
        calls.close();
        FIGURES.write();
    }

    /** What one event's announcement left: the deliveries it took, Slack's messages, the topic's. */
    record Outcome(int deliveries, int slackPosts, int topicMessages, String faulted) {}

    @Test
    void faultAtEveryCall_theRetriedEventIsAnnouncedOnEachChannel_slackOnce(TestAws aws) {
        var clean = announce(aws, 0, null, ALL_ATTEMPTS);
        assertThat(clean.topicMessages()).as("topic messages without faults").isOne();
        var operations = calls.operations();
        assertThat(operations).as("calls in a clean run").contains("PutItem", "Publish", "GetSecretValue");
        FIGURES.add("scenarios", 1);
        FIGURES.add("callsPerCleanRun.notify_event", operations.size());
        for (int n = 1; n <= operations.size(); n++) {
            for (var kind : WebhookFaultsIT.kinds(operations.get(n - 1))) announce(aws, n, kind, ALL_ATTEMPTS);
        }
        FIGURES.add("lost", 0);
    }

    /** A timeout on the first attempt only, at each call that changes AWS: the SDK's retry completes the event. */
    @Test
    void timeoutOnTheFirstAttemptOnly_theSdksRetryAnnouncesTheEvent(TestAws aws) {
        announce(aws, 0, null, ALL_ATTEMPTS);
        var operations = calls.operations();
        for (int n = 1; n <= operations.size(); n++) {
            if (Boolean.getBoolean("reliability.full") || FunctionCalls.mutates(operations.get(n - 1))) {
                announce(aws, n, Fault.TIMEOUT, 1);
            }
        }
    }

    /** A fresh world and function instance; the event, delivered again after each failure; the state checked. */
    Outcome announce(TestAws aws, int n, Fault kind, int attempts) {
        aws.emulator().reset();
        aws.createLedgerTable("shiplane-ledger");
        try (var slack = new SlackRecorder()) {
            aws.build(SecretsManagerClient.builder()).createSecret(r -> r.name(SLACK_SECRET).secretString(slack.url()));
            var sns = aws.build(SnsClient.builder());
            var topicArn = sns.createTopic(r -> r.name("shiplane-notifications")).topicArn();
            var inbox = aws.sqs().createQueue(r -> r.queueName("notifications-inbox")).queueUrl();
            var inboxArn = aws.sqs().getQueueAttributes(r -> r.queueUrl(inbox).attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings().get("QueueArn");
            sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(inboxArn));
            var notify = new NotifyHandler(aws.environment(Map.of(DeliveryEnvironment.LEDGER_TABLE, "shiplane-ledger",
                    NotifyEnvironment.SLACK_SECRET_ID, SLACK_SECRET, NotifyEnvironment.TOPIC_ARN, topicArn,
                    "POWERTOOLS_METRICS_DISABLED", "true", "AWS_ACCESS_KEY_ID", FunctionCalls.ACCESS_KEY,
                    // as DeliveryWorld: one retry, and an attempt timeout an injected timeout outlasts
                    "AWS_MAX_ATTEMPTS", "2",
                    CommonEnvironment.AWS_API_CALL_ATTEMPT_TIMEOUT_MS, String.valueOf(DeliveryWorld.ATTEMPT_TIMEOUT_MS),
                    CommonEnvironment.AWS_API_CALL_TIMEOUT_MS, "10000")));
            var when = n == 0 ? "without faults" : kind + " at call " + n
                    + (attempts == ALL_ATTEMPTS ? "" : ", first attempt only");
            var log = new CapturedOutput();
            List<Throwable> failures = new ArrayList<>();
            calls.arm(n == 0 ? -1 : n, kind, attempts);
            var event = RepoFiles.bytes(EVENT);
            int deliveries = 1;
            for (; ; deliveries++) {
                try {
                    log.during(() -> Invocations.invoke(notify, event));
                    break;
                } catch (RuntimeException failed) {
                    failures.add(failed);
                    System.err.printf("[reliability] notify failed: %s%n", failed);
                    assertThat(deliveries).as("%s: still failing after %d deliveries: %s", when, deliveries, failures)
                            .isLessThan(MAX_DELIVERIES);
                }
            }
            calls.disarm();
            var faulted = calls.faulted();
            var seen = when + (faulted == null ? "" : " (" + faulted + ")") + ", " + failures.size() + " failed";
            int topicMessages = drain(aws, inbox);
            var posted = slack.posted();
            System.err.printf("[reliability] notify %s: Slack ×%d, topic ×%d%n", seen, posted.size(), topicMessages);

            assertThat(posted).as("%s: Slack messages", seen).hasSize(1);
            assertThat(posted.getFirst()).as("%s: the Slack message", seen).contains("api");
            assertThat(topicMessages).as("%s: topic messages", seen).isPositive();
            if (topicMessages > 1) {
                // only a publish SNS took whose answer was lost may repeat it
                assertThat(faulted).as("%s: topic message repeated", seen).isNotNull().startsWith("Publish ");
            }
            var claims = aws.dynamo().scan(r -> r.tableName("shiplane-ledger").consistentRead(true)).items();
            assertThat(claims).as("%s: one claim per channel in the ledger", seen).hasSize(2);
            assertThat(log.text()).as("%s: the function logged", seen).contains("Deployment Rolled Back");
            assertThat(log.text()).as("%s: the function's log", seen).doesNotContain(slack.url());
            for (var failure : failures) {
                assertThat(CapturedOutput.messages(failure)).as("%s: the failure", seen).doesNotContain(slack.url());
            }
            if (n == 0) {
                // a call may time out with no fault injected on a loaded machine (as FaultInjectionIT tolerates)
                assertThat(failures).as(seen).allMatch(f -> CapturedOutput.messages(f).contains("Timeout")
                        || CapturedOutput.messages(f).contains("timeout"));
            } else {
                var prefix = attempts == ALL_ATTEMPTS ? "" : "firstAttemptOnly.";
                FIGURES.add(prefix + "runs", 1);
                FIGURES.add(prefix + "faultsInjected", faulted == null ? 0 : 1);
                FIGURES.add(prefix + "faults." + kind.name().toLowerCase(Locale.ROOT), faulted == null ? 0 : 1);
                FIGURES.add(prefix + "invocationsFailedThenRedelivered", failures.size());
                FIGURES.add(prefix + "topicMessageRepeated", topicMessages - 1);
                FIGURES.add(prefix + "slackMessageRepeated", posted.size() - 1);
            }
            return new Outcome(deliveries, posted.size(), topicMessages, faulted);
        }
    }

    /** The topic's messages since the last drain, as SNS delivered them to the subscribed queue. */
    static int drain(TestAws aws, String queue) {
        int count = 0;
        for (var batch = aws.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)).messages();
             !batch.isEmpty(); batch = aws.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10))
                     .messages()) {
            for (var message : batch) {
                count++;
                aws.sqs().deleteMessage(r -> r.queueUrl(queue).receiptHandle(message.receiptHandle()));
            }
        }
        return count;
    }
}
