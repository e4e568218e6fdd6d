package dev.shiplane.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplane.contract.config.ConfigLoader;
import dev.shiplane.contract.github.GitHubPackageEvents;
import dev.shiplane.core.deploy.PushAnnouncer;
import dev.shiplane.core.events.ImagePushed;
import dev.shiplane.core.fakes.InMemoryDeliveryRegistry;
import dev.shiplane.core.fakes.MutableClock;
import dev.shiplane.core.fakes.RecordingBus;
import dev.shiplane.core.webhook.PackageVersionTags;
import dev.shiplane.core.webhook.WebhookLimits;
import dev.shiplane.core.webhook.WebhookReceiver;
import dev.shiplane.core.webhook.WebhookSignatures;
import dev.shiplane.testkit.RepoFiles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The function on the sample Function URL request, re-signed per case with a test secret, on in-memory ports: the
 * HTTP answer GitHub gets for each kind of delivery, and what reaches the bus.
 */
class WebhookFunctionTest {

    /** The secret events/github/function-url-request.json is signed with. */
    static final String SAMPLE_SECRET = "shiplane-sample-webhook-secret";
    static final String SAMPLE = "events/github/function-url-request.json";
    static final ObjectMapper JSON = new ObjectMapper();

    final RecordingBus bus = new RecordingBus();
    final InMemoryDeliveryRegistry deliveries = new InMemoryDeliveryRegistry();
    final WebhookFunction function = new WebhookFunction(new WebhookReceiver(() -> List.of(SAMPLE_SECRET),
            new GitHubPackageEvents(), ConfigLoader.load(RepoFiles.path("shiplane.yml")),
            PackageVersionTags.NOT_CONFIGURED, deliveries, new PushAnnouncer(bus),
            new MutableClock(Instant.parse("2026-11-26T10:07:01Z")), WebhookLimits.defaults()));

    record Answer(int status, String outcome, String reason) {}

    Answer invoke(byte[] invocation) throws Exception {
        var document = JSON.readTree(function.handle(invocation).document());
        assertThat(document.get("headers").get("content-type").asText()).isEqualTo("application/json");
        var body = JSON.readTree(document.get("body").asText());
        return new Answer(document.get("statusCode").asInt(), body.get("outcome").asText(), body.get("reason").asText());
    }

    /** The sample with {@code edit} applied to its payload, then signed with {@code secret}. */
    static byte[] delivery(String secret, Consumer<ObjectNode> editEnvelope, Consumer<ObjectNode> editPayload) {
        try {
            var envelope = (ObjectNode) JSON.readTree(RepoFiles.bytes(SAMPLE));
            var body = envelope.get("body").asText();
            if (editPayload != null) {
                var payload = (ObjectNode) JSON.readTree(body);
                editPayload.accept(payload);
                body = JSON.writeValueAsString(payload);
                envelope.put("body", body);
            }
            ((ObjectNode) envelope.get("headers")).put("x-hub-signature-256",
                    WebhookSignatures.sign(secret, body.getBytes(StandardCharsets.UTF_8)));
            if (editEnvelope != null) editEnvelope.accept(envelope);
            return JSON.writeValueAsBytes(envelope);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode headers(ObjectNode envelope) {
        return (ObjectNode) envelope.get("headers");
    }

    static ObjectNode version(ObjectNode payload) {
        return (ObjectNode) payload.get("registry_package").get("package_version");
    }

    @Test
    void sampleAsCommitted_isSignedWithTheSampleSecret() throws Exception {
        var answer = invoke(RepoFiles.bytes(SAMPLE));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.outcome()).isEqualTo("published");
    }

    @Test
    void signedDelivery_publishesImagePushed_forTheGhcrImage() throws Exception {
        invoke(delivery(SAMPLE_SECRET, null, null));

        assertThat(bus.published(ImagePushed.class)).singleElement().satisfies(e -> {
            assertThat(e.pushId()).isEqualTo("6f0c8e4a-cb11-11f0-9c1f-2f6a1d3e4b5c");
            assertThat(e.registry()).isEqualTo("ghcr");
            assertThat(e.registryHost()).isEqualTo("ghcr.io");
            assertThat(e.repository()).isEqualTo("monynha/monynha/docs");
            assertThat(e.tag()).isEqualTo("1.3.0");
            assertThat(e.digest()).isEqualTo("sha256:1407fac54c6338249af09ba53c684f486ced502aa8a054c9f8721f5c9c3d4698");
            assertThat(e.pushedAt()).isEqualTo(Instant.parse("2026-11-26T10:07:00Z"));
        });
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                row("signed with the webhook secret", delivery(SAMPLE_SECRET, null, null), 200, "published"),
                row("header names in their GitHub capitalisation", delivery(SAMPLE_SECRET, e -> {
                    var h = headers(e);
                    for (var name : List.of("x-github-event", "x-github-delivery", "x-hub-signature-256")) {
                        var value = h.remove(name).asText();
                        h.put(name.replace("x-github-", "X-GitHub-").replace("x-hub-signature-256", "X-Hub-Signature-256"),
                                value);
                    }
                }, null), 200, "published"),
                row("base64-encoded body", delivery(SAMPLE_SECRET, e -> {
                    e.put("body", Base64.getEncoder().encodeToString(e.get("body").asText()
                            .getBytes(StandardCharsets.UTF_8)));
                    e.put("isBase64Encoded", true);
                }, null), 200, "published"),
                row("signed with another secret", delivery("guessed", null, null), 401, "unauthorized"),
                row("no signature at all", delivery(SAMPLE_SECRET,
                        e -> headers(e).remove(List.of("x-hub-signature-256", "x-hub-signature")), null),
                        401, "unauthorized"),
                row("only the legacy SHA-1 signature", delivery(SAMPLE_SECRET,
                        e -> headers(e).remove("x-hub-signature-256"), null), 401, "unauthorized"),
                row("body changed after signing", delivery(SAMPLE_SECRET,
                        e -> e.put("body", e.get("body").asText().replace("1.3.0", "9.9.9")), null), 401, "unauthorized"),
                row("body over 1 MiB", delivery(SAMPLE_SECRET, null,
                        p -> p.put("padding", "x".repeat(1024 * 1024))), 413, "too-large"),
                row("body that is not JSON", delivery(SAMPLE_SECRET,
                        e -> {
                            e.put("body", "payload=%7B%7D");
                            headers(e).put("x-hub-signature-256",
                                    WebhookSignatures.sign(SAMPLE_SECRET, "payload=%7B%7D".getBytes(StandardCharsets.UTF_8)));
                        }, null), 400, "bad-request"),
                row("ping", delivery(SAMPLE_SECRET, e -> headers(e).put("x-github-event", "ping"), null), 200, "pong"),
                row("push event", delivery(SAMPLE_SECRET, e -> headers(e).put("x-github-event", "push"), null),
                        202, "ignored"),
                row("npm package", delivery(SAMPLE_SECRET, null,
                        p -> ((ObjectNode) p.get("registry_package")).put("package_type", "npm")), 202, "ignored"),
                row("deleted version", delivery(SAMPLE_SECRET, null, p -> p.put("action", "deleted")), 202, "ignored"),
                row("digest-only version", delivery(SAMPLE_SECRET, null,
                        p -> ((ObjectNode) version(p).get("container_metadata").get("tag")).put("name", "")),
                        202, "ignored"),
                row("no delivery id", delivery(SAMPLE_SECRET, e -> headers(e).remove("x-github-delivery"), null),
                        400, "bad-request"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void answer(String description, byte[] invocation, int status, String outcome) throws Exception {
        var answer = invoke(invocation);

        assertThat(answer.status()).as(answer.reason()).isEqualTo(status);
        assertThat(answer.outcome()).isEqualTo(outcome);
        if (!outcome.equals("published")) {
            assertThat(bus.published()).isEmpty();
        }
    }

    @Test
    void replayedDelivery_isAnsweredDuplicate_andPublishedOnce() throws Exception {
        var signed = delivery(SAMPLE_SECRET, null, null);
        invoke(signed);

        var again = invoke(signed);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.outcome()).isEqualTo("duplicate");
        assertThat(bus.published()).hasSize(1);
    }

    @Test
    void invocationThatIsNotAFunctionUrlRequest_is400() throws Exception {
        var document = JSON.readTree(function.handle(RepoFiles.bytes("events/aws/ecr-image-push.json")).document());

        assertThat(document.get("statusCode").asInt()).isEqualTo(400);
        assertThat(bus.published()).isEmpty();
    }

    private static Arguments row(String description, byte[] invocation, int status, String outcome) {
        return Arguments.of(description, invocation, status, outcome);
    }
}
