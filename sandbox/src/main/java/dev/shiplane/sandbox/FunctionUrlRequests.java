package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplane.contract.environment.CommonEnvironment;
import dev.shiplane.contract.environment.WebhookEnvironment;
import dev.shiplane.core.webhook.WebhookSignatures;
import dev.shiplane.testkit.TestAws;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/**
 * Plays GitHub's part for story files that are Function URL requests (they have {@code requestContext} and
 * {@code rawPath}): the body is signed with the sandbox's webhook secret, as GitHub signs with the one it was
 * given, and the request goes to the webhook function's {@code AWS::Lambda::Url} (the function the template tells a
 * webhook secret; the operator entry's URL takes SigV4-signed requests, not GitHub's). A request whose
 * header {@value #SIGNATURE_MARKER} is {@code wrong} is signed with another secret instead, like a forger would.
 * The sandbox stores its secret in moto under the name the template gives the webhook secret, so the function
 * reads it exactly as in AWS; likewise the GitHub token, with GitHub's API played by {@link GitHubStandIn}.
 */
final class FunctionUrlRequests {

    /** The webhook secret of the sandbox; in AWS the stack generates one. */
    static final String SANDBOX_SECRET = "sandbox-github-webhook-secret";
    /** Story-file header: {@code wrong} signs with a secret the function does not know. */
    static final String SIGNATURE_MARKER = "x-shiplane-sandbox-signature";
    private static final String FORGED_SECRET = "a-secret-the-webhook-does-not-know";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the function answered, for the timeline. */
    record Answer(String function, String path, int status, String outcome, String reason) {}

    private final List<FunctionHost> hosts;
    /** The webhook's host (the function told a webhook secret): GitHub's deliveries go to its URL only. */
    private final List<FunctionHost> webhooks;

    /** The hosts behind an {@code AWS_IAM} URL (the operator entry): reached only with a SigV4 signature. */
    private final List<FunctionHost> signedOnly;

    private FunctionUrlRequests(List<FunctionHost> hosts, List<FunctionHost> webhooks, List<FunctionHost> signedOnly) {
        this.hosts = hosts;
        this.webhooks = webhooks;
        this.signedOnly = signedOnly;
    }

    static boolean isRequest(JsonNode event) {
        return event.has("requestContext") && event.has("rawPath");
    }

    static String describe(JsonNode request) {
        var headers = request.path("headers");
        var delivery = header(headers, "x-github-delivery");
        return "HTTPS " + request.path("requestContext").path("http").path("method").asText("POST") + " "
                + request.path("rawPath").asText("/") + "  GitHub " + header(headers, "x-github-event") + " delivery "
                + (delivery.length() > 8 ? delivery.substring(0, 8) + "…" : delivery)
                + ("wrong".equals(header(headers, SIGNATURE_MARKER)) ? " (forged signature)" : "");
    }

    /**
     * Starts every function the template exposes through a Function URL, after storing the sandbox's webhook secret
     * under the name the function's environment gives.
     */
    static FunctionUrlRequests provision(TestAws aws, CloudTemplate template, Path configFile, PrintStream functionLog,
                                         FunctionCredentials credentials, java.net.URI gitHubApi,
                                         java.time.Clock clock) {
        var secretsManager = aws.build(SecretsManagerClient.builder());
        var hosts = new java.util.ArrayList<FunctionHost>();
        var webhooks = new java.util.ArrayList<FunctionHost>();
        var signedOnly = new java.util.ArrayList<FunctionHost>();
        var iamUrls = template.iamUrlFunctions();
        for (var logicalId : template.urlFunctions()) {
            var function = template.function(logicalId);
            var secretId = function.environment().get(WebhookEnvironment.SECRET_ARN);
            if (secretId != null) {
                storeSecret(secretsManager, secretId);
            }
            var env = new HashMap<>(function.environment());
            env.put(CommonEnvironment.CONFIG_FILE, configFile.toString());
            var tokenSecret = env.get(WebhookEnvironment.GITHUB_TOKEN_SECRET_ID);
            if (tokenSecret != null && gitHubApi != null) {
                // The operator's part: the token in the secret the stack names, GitHub's API at the stand-in.
                GitHubStandIn.storeToken(secretsManager, tokenSecret);
                env.put(WebhookEnvironment.GITHUB_API_URL, gitHubApi.toString());
            } else {
                env.remove(WebhookEnvironment.GITHUB_TOKEN_SECRET_ID);
            }
            var host = FunctionHost.start(function, aws.environment(env), credentials, functionLog, clock);
            hosts.add(host);
            if (secretId != null) webhooks.add(host);
            if (iamUrls.contains(logicalId)) signedOnly.add(host);
        }
        return new FunctionUrlRequests(List.copyOf(hosts), List.copyOf(webhooks), List.copyOf(signedOnly));
    }

    int functions() {
        return hosts.size();
    }

    /** The one function behind an {@code AWS_IAM} URL: the operator entry ({@link OperatorEntryStandIn}). */
    FunctionHost operatorEntry() {
        if (signedOnly.size() != 1) {
            throw new IllegalStateException("the template has " + signedOnly.size() + " AWS_IAM Function URLs; the"
                    + " sandbox sends operator requests only when there is exactly one");
        }
        return signedOnly.getFirst();
    }

    /** Signs the request's body and invokes the URL's function with it, as Lambda would. */
    Answer deliver(JsonNode request) throws Exception {
        if (webhooks.size() != 1) {
            throw new IllegalStateException("the template has " + webhooks.size() + " webhook Function URLs; the"
                    + " sandbox delivers GitHub's requests only when there is exactly one");
        }
        var host = webhooks.getFirst();
        var envelope = signed(request);
        var document = JSON.readTree(host.invoke(JSON.writeValueAsBytes(envelope)));
        var answer = JSON.readTree(document.path("body").asText("{}"));
        return new Answer(host.name(), envelope.path("rawPath").asText("/"), document.path("statusCode").asInt(),
                answer.path("outcome").asText(), answer.path("reason").asText());
    }

    /**
     * The request as GitHub delivers it: its body signed with the sandbox's secret (or, when its header
     * {@value #SIGNATURE_MARKER} is {@code wrong}, with one the function does not know).
     */
    static ObjectNode signed(JsonNode request) {
        var envelope = (ObjectNode) request.deepCopy();
        var headers = (ObjectNode) envelope.path("headers");
        var forged = "wrong".equals(header(headers, SIGNATURE_MARKER));
        remove(headers, SIGNATURE_MARKER);
        remove(headers, WebhookSignatures.HEADER);
        var text = envelope.path("body").asText("");
        var body = envelope.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(text)
                : text.getBytes(StandardCharsets.UTF_8);
        // Function URLs hand headers over in lower case.
        headers.put(WebhookSignatures.HEADER.toLowerCase(java.util.Locale.ROOT),
                WebhookSignatures.sign(forged ? FORGED_SECRET : SANDBOX_SECRET, body));
        return envelope;
    }

    static void storeSecret(SecretsManagerClient secretsManager, String secretId) {
        try {
            secretsManager.createSecret(r -> r.name(secretId).secretString(SANDBOX_SECRET));
        } catch (ResourceExistsException alreadyThere) {
            secretsManager.putSecretValue(r -> r.secretId(secretId).secretString(SANDBOX_SECRET));
        }
    }

    private static String header(JsonNode headers, String name) {
        for (var h : headers.properties()) {
            if (h.getKey().equalsIgnoreCase(name)) return h.getValue().asText();
        }
        return "";
    }

    private static void remove(ObjectNode headers, String name) {
        headers.properties().stream().map(Map.Entry::getKey).filter(n -> n.equalsIgnoreCase(name)).toList()
                .forEach(headers::remove);
    }
}
