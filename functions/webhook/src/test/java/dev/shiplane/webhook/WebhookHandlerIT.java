package dev.shiplane.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplane.contract.environment.WebhookEnvironment;
import dev.shiplane.core.webhook.WebhookSignatures;
import dev.shiplane.deploy.DeployHandler;
import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.LocalContext;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The webhook handler end to end against the emulator: a Function URL request in; the secret from Secrets Manager,
 * the claim in the ledger table, {@code Image Pushed} on the bus (delivered by a rule to SQS) out, and the real
 * deploy function turning that event into an ECS deployment of the GHCR image.
 */
@ExtendWith(EmulatorExtension.class)
class WebhookHandlerIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SAMPLE = "events/github/function-url-request.json";
    static final String SAMPLE_SECRET = WebhookFunctionTest.SAMPLE_SECRET;
    static final String GHCR_IMAGE = "ghcr.io/monynha/monynha/docs@sha256:"
            + "1407fac54c6338249af09ba53c684f486ced502aa8a054c9f8721f5c9c3d4698";

    TestAws aws;
    BusTap tap;
    SecretsManagerClient secretsManager;
    WebhookHandler webhook;
    DeployHandler deploy;

    @BeforeEach
    void world(TestAws aws) {
        this.aws = aws;
        aws.createLedgerTable("shiplane-ledger");
        var busArn = aws.createBus("shiplane");
        tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        for (var cluster : List.of("monynha-staging", "monynha-prod")) {
            for (var service : List.of("web", "api", "docs")) {
                aws.ecsService(cluster, service, service, "monynha/" + service + ":1.0.0");
            }
        }
        secretsManager = aws.build(SecretsManagerClient.builder());
        var secretArn = secretsManager.createSecret(r -> r.name("shiplane/github-webhook").secretString(SAMPLE_SECRET))
                .arn();
        var common = Map.of("SHIPLANE_BUS_NAME", "shiplane", "SHIPLANE_LEDGER_TABLE", "shiplane-ledger",
                "POWERTOOLS_METRICS_DISABLED", "true");
        var webhookEnv = new java.util.HashMap<>(common);
        webhookEnv.put(WebhookEnvironment.SECRET_ARN, secretArn);
        // No cache: the rotation test changes the secret between deliveries.
        webhookEnv.put(WebhookEnvironment.SECRET_CACHE_SECONDS, "0");
        webhook = new WebhookHandler(aws.environment(webhookEnv));
        var deployEnv = new java.util.HashMap<>(common);
        deployEnv.put("SHIPLANE_CONFIG_FILE", RepoFiles.path("functions/testkit/configs/rolling.yml").toString());
        // The deploy function also schedules canary steps; rolling deployments never use these two.
        deployEnv.put("SHIPLANE_BUS_ARN", busArn);
        deployEnv.put("SHIPLANE_SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/scheduler");
        deploy = new DeployHandler(aws.environment(deployEnv));
    }

    record Http(int status, String outcome) {}

    Http post(byte[] invocation) throws IOException {
        var out = new ByteArrayOutputStream();
        webhook.handleRequest(new ByteArrayInputStream(invocation), out, LocalContext.of("webhook"));
        var document = JSON.readTree(out.toByteArray());
        return new Http(document.get("statusCode").asInt(),
                JSON.readTree(document.get("body").asText()).get("outcome").asText());
    }

    /** The sample request, its body signed with {@code secret}; {@code padding} characters added to the payload. */
    static byte[] signed(String secret, int padding) throws IOException {
        var envelope = (ObjectNode) JSON.readTree(RepoFiles.bytes(SAMPLE));
        var body = envelope.get("body").asText();
        if (padding > 0) {
            var payload = (ObjectNode) JSON.readTree(body);
            payload.put("padding", "x".repeat(padding));
            body = JSON.writeValueAsString(payload);
            envelope.put("body", body);
        }
        ((ObjectNode) envelope.get("headers")).put("x-hub-signature-256",
                WebhookSignatures.sign(secret, body.getBytes(StandardCharsets.UTF_8)));
        return JSON.writeValueAsBytes(envelope);
    }

    String serviceImage(String cluster, String service) {
        var td = aws.ecs().describeServices(r -> r.cluster(cluster).services(service)).services().getFirst()
                .taskDefinition();
        return aws.ecs().describeTaskDefinition(r -> r.taskDefinition(td)).taskDefinition().containerDefinitions()
                .getFirst().image();
    }

    static List<String> detailTypes(List<JsonNode> events) {
        return events.stream().map(e -> e.get("detail-type").asText()
                + (e.get("detail").has("env") ? " " + e.get("detail").get("env").asText() : "")).toList();
    }

    List<JsonNode> drain() {
        return tap.drain().stream().map(body -> {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void signedDelivery_reachesTheBus_andTheDeployFunctionDeploysTheGhcrImage() throws IOException {
        assertThat(post(RepoFiles.bytes(SAMPLE))).isEqualTo(new Http(200, "published"));

        var pushed = drain();
        assertThat(detailTypes(pushed)).containsExactly("Image Pushed");
        var detail = pushed.getFirst().get("detail");
        assertThat(detail.get("registry").asText()).isEqualTo("ghcr");
        assertThat(detail.get("pushId").asText()).isEqualTo("6f0c8e4a-cb11-11f0-9c1f-2f6a1d3e4b5c");
        assertThat(detail.get("imageUri").asText()).isEqualTo(GHCR_IMAGE);

        var out = new ByteArrayOutputStream();
        deploy.handleRequest(new ByteArrayInputStream(pushed.getFirst().toString().getBytes(StandardCharsets.UTF_8)),
                out, LocalContext.of("deploy"));

        assertThat(detailTypes(drain())).containsExactly("Deployment Started staging", "Deployment Started prod");
        assertThat(serviceImage("monynha-staging", "docs")).isEqualTo(GHCR_IMAGE);
        assertThat(serviceImage("monynha-prod", "docs")).isEqualTo(GHCR_IMAGE);
    }

    @Test
    void replayedDelivery_isADuplicate_andLeavesTheBusAlone() throws IOException {
        post(RepoFiles.bytes(SAMPLE));
        drain();

        assertThat(post(RepoFiles.bytes(SAMPLE))).isEqualTo(new Http(200, "duplicate"));
        assertThat(drain()).isEmpty();
    }

    @Test
    void badSignatureAndOversizeBodies_leaveTheBusAndEcsUntouched() throws IOException {
        assertThat(post(signed("not-the-secret", 0))).isEqualTo(new Http(401, "unauthorized"));
        assertThat(post(signed(SAMPLE_SECRET, 1024 * 1024))).isEqualTo(new Http(413, "too-large"));

        assertThat(drain()).isEmpty();
        assertThat(serviceImage("monynha-prod", "docs")).isEqualTo("monynha/docs:1.0.0");
        assertThat(aws.dynamo().scan(r -> r.tableName("shiplane-ledger")).items()).isEmpty();
    }

    @Test
    void duringARotation_theOldAndTheNewSecretSign_aThirdDoesNot() throws IOException {
        secretsManager.putSecretValue(r -> r.secretId("shiplane/github-webhook").secretString("rotated-secret"));

        // One delivery, signed three ways: a duplicate answer means the signature was accepted first.
        assertThat(post(signed(SAMPLE_SECRET, 0))).isEqualTo(new Http(200, "published"));
        assertThat(post(signed("rotated-secret", 0))).isEqualTo(new Http(200, "duplicate"));
        assertThat(post(signed("some-other-secret", 0))).isEqualTo(new Http(401, "unauthorized"));
    }

    @Test
    void latestDelivery_withTheTokenInSecretsManager_publishesTheVersionTagGitHubReports_andNeverLogsTheToken()
            throws IOException {
        var token = "ghp_integrationTokenNeverToBeLogged0000000";
        secretsManager.createSecret(r -> r.name("shiplane/github-token").secretString(token));
        try (var gitHub = new GitHubApiStandIn()) {
            gitHub.answer("/orgs/monynha/packages/container/monynha%2Fdocs/versions/612345699", 200, Map.of(),
                    RepoFiles.text("events/github/packages-api-version-docs-latest.json"));
            var env = new java.util.HashMap<String, String>(Map.of("SHIPLANE_BUS_NAME", "shiplane",
                    "SHIPLANE_LEDGER_TABLE", "shiplane-ledger", "POWERTOOLS_METRICS_DISABLED", "true",
                    WebhookEnvironment.SECRET_ARN, "shiplane/github-webhook",
                    WebhookEnvironment.GITHUB_TOKEN_SECRET_ID, "shiplane/github-token",
                    WebhookEnvironment.GITHUB_API_URL, gitHub.api().toString()));
            var withToken = new WebhookHandler(aws.environment(env));
            var envelope = (ObjectNode) JSON.readTree(RepoFiles.bytes(SAMPLE));
            var body = JSON.writeValueAsString(JSON.readTree(
                    RepoFiles.bytes("events/github/registry-package-published-latest.json")));
            envelope.put("body", body);
            ((ObjectNode) envelope.get("headers")).put("x-hub-signature-256",
                    WebhookSignatures.sign(SAMPLE_SECRET, body.getBytes(StandardCharsets.UTF_8)));

            var logs = new ByteArrayOutputStream();
            var console = System.out;
            System.setOut(new java.io.PrintStream(logs, true, StandardCharsets.UTF_8));
            var out = new ByteArrayOutputStream();
            try {
                withToken.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(envelope)), out,
                        LocalContext.of("webhook"));
            } finally {
                System.setOut(console);
            }

            var answer = JSON.readTree(JSON.readTree(out.toByteArray()).get("body").asText());
            assertThat(answer.get("outcome").asText()).as(answer.toString()).isEqualTo("published");
            assertThat(gitHub.requests).singleElement()
                    .satisfies(r -> assertThat(r.authorization()).isEqualTo("Bearer " + token));
            assertThat(drain()).filteredOn(e -> e.get("detail-type").asText().equals("Image Pushed"))
                    .singleElement().satisfies(e -> assertThat(e.get("detail").get("tag").asText()).isEqualTo("1.3.1"));
            assertThat(logs.toString(StandardCharsets.UTF_8)).contains("delivered as 'latest'").doesNotContain(token);
            assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(token);
        }
    }
}
