package dev.shiplane.webhook;

import static dev.shiplane.contract.environment.DeliveryEnvironment.BUS_NAME;
import static dev.shiplane.contract.environment.DeliveryEnvironment.LEDGER_TABLE;
import static dev.shiplane.contract.environment.WebhookEnvironment.GITHUB_API_URL;
import static dev.shiplane.contract.environment.WebhookEnvironment.GITHUB_TOKEN_SECRET_ID;
import static dev.shiplane.contract.environment.WebhookEnvironment.MAX_BODY_BYTES;
import static dev.shiplane.contract.environment.WebhookEnvironment.REPLAY_SECONDS;
import static dev.shiplane.contract.environment.WebhookEnvironment.SECRET_ARN;
import static dev.shiplane.contract.environment.WebhookEnvironment.SECRET_CACHE_SECONDS;

import dev.shiplane.aws.AwsClients;
import dev.shiplane.aws.DynamoDbDeliveryRegistry;
import dev.shiplane.aws.EventBridgeBus;
import dev.shiplane.aws.SecretsManagerWebhookSecrets;
import dev.shiplane.contract.config.ConfigLoader;
import dev.shiplane.contract.github.GitHubPackageEvents;
import dev.shiplane.core.deploy.PushAnnouncer;
import dev.shiplane.core.webhook.CachedWebhookSecrets;
import dev.shiplane.core.webhook.PackageVersionTags;
import dev.shiplane.core.webhook.WebhookDelivery;
import dev.shiplane.core.webhook.WebhookLimits;
import dev.shiplane.core.webhook.WebhookOutcome;
import dev.shiplane.core.webhook.WebhookReceiver;
import dev.shiplane.core.webhook.WebhookResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The webhook function's composition root and its one entry point: a Function URL request from GitHub in, the
 * HTTP response out. Logs say which delivery was decided how, never the secret, the signature or the body.
 */
public final class WebhookFunction {

    static final Duration DEFAULT_SECRET_CACHE = Duration.ofSeconds(60);

    /** The outcome (for metrics) and the Function URL response document. */
    record Reply(WebhookOutcome outcome, byte[] document) {}

    private static final Logger LOG = LoggerFactory.getLogger(WebhookFunction.class);
    private static final Pattern LOGGABLE_ID = Pattern.compile("[0-9A-Za-z-]{1,64}");

    private final WebhookReceiver receiver;
    private AwsClients clients;
    private GitHubPackageVersionTags gitHub;

    WebhookFunction(WebhookReceiver receiver) {
        this.receiver = receiver;
    }

    /** Wires the function from its environment: AWS clients are built once and reused across invocations. */
    public static WebhookFunction fromEnvironment(Map<String, String> env, Clock clock) {
        var aws = new AwsClients(env);
        var limits = new WebhookLimits(
                Long.parseLong(env.getOrDefault(MAX_BODY_BYTES, Long.toString(WebhookLimits.DEFAULT_MAX_BODY_BYTES))),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault(REPLAY_SECONDS,
                        Long.toString(WebhookLimits.DEFAULT_REPLAY_WINDOW.toSeconds())))));
        var secretsManager = aws.lazy(SecretsManagerClient.class, SecretsManagerClient::builder);
        var secrets = new CachedWebhookSecrets(
                new SecretsManagerWebhookSecrets(secretsManager, aws.required(SECRET_ARN)),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault(SECRET_CACHE_SECONDS,
                        Long.toString(DEFAULT_SECRET_CACHE.toSeconds())))),
                clock);
        var bus = new EventBridgeBus(aws.lazy(EventBridgeClient.class, EventBridgeClient::builder), aws.required(BUS_NAME));
        var deliveries = new DynamoDbDeliveryRegistry(aws.lazy(DynamoDbClient.class, DynamoDbClient::builder), aws.required(LEDGER_TABLE));
        var tokenSecret = env.get(GITHUB_TOKEN_SECRET_ID);
        var gitHub = tokenSecret == null || tokenSecret.isBlank() ? null : new GitHubPackageVersionTags(
                URI.create(env.getOrDefault(GITHUB_API_URL, GitHubPackageVersionTags.PUBLIC_API.toString())),
                new GitHubTokenSecret(secretsManager, tokenSecret));
        var function = new WebhookFunction(new WebhookReceiver(secrets, new GitHubPackageEvents(),
                ConfigLoader.fromEnvironment(env), gitHub == null ? PackageVersionTags.NOT_CONFIGURED : gitHub,
                deliveries, new PushAnnouncer(bus), clock, limits));
        function.clients = aws;
        function.gitHub = gitHub;
        return function;
    }

    /** SnapStart priming: builds every SDK client it may use and warms their calls; nothing reaches AWS. */
    public void prime() {
        if (clients != null) {
            clients.prime();
        }
        if (gitHub != null) {
            gitHub.client();
        }
    }

    /** Answers one Function URL invocation. Throws only when AWS fails, so GitHub records a failed delivery. */
    public Reply handle(byte[] invocation) {
        FunctionUrlRequest request;
        try {
            request = FunctionUrlRequest.parse(invocation);
        } catch (IllegalArgumentException notHttp) {
            LOG.warn("not a Function URL request: {}", notHttp.getMessage());
            return new Reply(WebhookOutcome.BAD_REQUEST, FunctionUrlResponse.badRequest(notHttp.getMessage()));
        }
        var deliveryId = loggable(request.header("x-github-delivery"));
        var eventName = loggable(request.header("x-github-event"));
        MDC.put("deliveryId", deliveryId);
        MDC.put("correlation_id", deliveryId);
        try {
            WebhookResponse response = receiver.receive(new WebhookDelivery(request.header("x-github-event"),
                    request.header("x-github-delivery"), request.header("x-hub-signature-256"), request.body()));
            LOG.info("delivery {} ({}, {} bytes): {} {}: {}", deliveryId, eventName, request.body().length,
                    response.status(), response.outcome().code(), response.reason());
            return new Reply(response.outcome(), FunctionUrlResponse.of(response,
                    LOGGABLE_ID.matcher(deliveryId).matches() ? deliveryId : null));
        } finally {
            MDC.remove("deliveryId");
            MDC.remove("correlation_id");
        }
    }

    /** Header values come from anyone on the internet: only well-formed ids reach the logs. */
    private static String loggable(String value) {
        if (value == null) return "(none)";
        return value.length() <= 64 && value.matches("[0-9A-Za-z_.-]+") ? value : "(malformed)";
    }
}
