package dev.shiplane.notify;

import static dev.shiplane.contract.environment.DeliveryEnvironment.LEDGER_TABLE;
import static dev.shiplane.contract.environment.NotifyEnvironment.DASHBOARD_NAME;
import static dev.shiplane.contract.environment.NotifyEnvironment.SLACK_SECRET_ID;
import static dev.shiplane.contract.environment.NotifyEnvironment.TOPIC_ARN;

import dev.shiplane.aws.AwsClients;
import dev.shiplane.aws.DynamoDbDeliveryRegistry;
import dev.shiplane.aws.SnsBroadcast;
import dev.shiplane.contract.SampleEventPriming;
import dev.shiplane.contract.environment.NotifyEnvironment;
import dev.shiplane.contract.outbound.PublishedEvent;
import dev.shiplane.core.notify.DashboardLink;
import dev.shiplane.core.notify.DeliveryRetry;
import dev.shiplane.core.notify.NotifyService;
import dev.shiplane.core.notify.Pause;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The notify function's composition root and entry point: shiplane's lifecycle events, each told to people once on
 * the notifications topic and in Slack.
 *
 * <p>Environment: the variables of {@link NotifyEnvironment} and the ledger table (claims per event and channel), in
 * {@code AWS_REGION}.
 */
public final class NotifyFunction {
    static final String CLAIM_PREFIX = "NOTIFIED#";

    private static final Logger LOG = LoggerFactory.getLogger(NotifyFunction.class);

    private final NotifyService notifications;
    private final Runnable prime;

    NotifyFunction(NotifyService notifications) {
        this(notifications, () -> { });
    }

    private NotifyFunction(NotifyService notifications, Runnable prime) {
        this.notifications = notifications;
        this.prime = prime;
    }

    public static NotifyFunction fromEnvironment(Map<String, String> env, Clock clock) {
        return fromEnvironment(env, DeliveryRetry.Limits.DEFAULT, NotifyFunction::sleep, clock);
    }

    /** With other retry limits and pauses (the sandbox and tests keep them short). */
    public static NotifyFunction fromEnvironment(Map<String, String> env, DeliveryRetry.Limits limits, Pause pause,
                                                 Clock clock) {
        var aws = new AwsClients(env);
        var slackUrl = new SlackUrlSecret(aws.lazy(SecretsManagerClient.class, SecretsManagerClient::builder),
                aws.required(SLACK_SECRET_ID));
        var dashboard = new DashboardLink(env.getOrDefault(DASHBOARD_NAME, "shiplane"), aws.region().id());
        var slack = new SlackIncomingWebhook(slackUrl, slackUrl::forget);
        return new NotifyFunction(new NotifyService(
                new SnsBroadcast(aws.lazy(SnsClient.class, SnsClient::builder), aws.required(TOPIC_ARN)),
                slack,
                new DynamoDbDeliveryRegistry(aws.lazy(DynamoDbClient.class, DynamoDbClient::builder),
                        aws.required(LEDGER_TABLE), CLAIM_PREFIX, "notification"),
                dashboard, limits, pause, clock), () -> {
                    aws.prime();
                    slack.client();
                    SampleEventPriming.parseWith(PublishedEvent::parse);
                });
    }

    /** SnapStart priming: SDK clients built and warmed, the HTTPS client built, samples parsed; nothing is sent. */
    public void prime() {
        prime.run();
    }

    public String handle(byte[] event) {
        var published = PublishedEvent.parse(event);
        var result = published.event()
                .map(e -> notifications.notify(published.eventId(), e).text())
                .orElse("ignored: " + published.source() + " / " + published.detailType() + " is not a shiplane event");
        LOG.info("event {}: {}", published.eventId(), result);
        return result;
    }

    /**
     * The pause between two attempts to post: bounded by the retry budget (seconds, inside the function's timeout).
     * The only sleep in shiplane's functions, for a webhook that asked to be called again shortly.
     */
    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry Slack", e);
        }
    }
}
