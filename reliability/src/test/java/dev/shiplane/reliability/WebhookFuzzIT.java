package dev.shiplane.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.contract.environment.WebhookEnvironment;
import dev.shiplane.core.webhook.WebhookLimits;
import dev.shiplane.core.webhook.WebhookSignatures;
import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.LocalContext;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import dev.shiplane.webhook.WebhookHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The webhook function behind its Function URL, on moto (the signing secret in Secrets Manager, rotated once so a
 * current and a previous secret sign; the delivery claims in the ledger table; the bus tapped), fed hostile
 * deliveries: signatures missing, of another algorithm, truncated, in another case, valid for another body or
 * another secret; bodies empty, at the size limit, over it; invalid UTF-8, base64 flags that lie, not JSON, JSON of
 * the wrong shape, huge strings, deep nesting; headers missing, duplicated, in other cases; and a seeded stream of
 * random damage. Every one gets a 2xx or 4xx document with an outcome and a one-line reason and no stack trace, the
 * status its family expects; no AWS mutation happens except for a validly signed push, and the bus carries exactly
 * one {@code Image Pushed} per push answered {@code published}.
 */
@ExtendWith(EmulatorExtension.class)
class WebhookFuzzIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Figures FIGURES = new Figures("webhook-fuzz");
    static final String SAMPLE = "events/github/function-url-request.json";
    static final String CURRENT = "fuzz-current-webhook-secret";
    static final String PREVIOUS = "fuzz-previous-webhook-secret";
    static final int LIMIT = (int) WebhookLimits.DEFAULT_MAX_BODY_BYTES;
    /** Random damage cases: 100 in {@code mvn verify}, 1,000 in the full run. */
    static final int RANDOM_CASES = Integer.getInteger("reliability.webhookRandomCases",
            Boolean.getBoolean("reliability.full") ? 1_000 : 100);

    static final Set<String> PUBLISHED = Set.of("200 published");
    static final Set<String> UNAUTHORIZED = Set.of("401 unauthorized");
    static final Set<String> BAD_REQUEST = Set.of("400 bad-request");
    static final Set<String> TOO_LARGE = Set.of("413 too-large");
    static final Set<String> IGNORED = Set.of("202 ignored");
    /** Signed, but damaged in ways whose exact answer is not the point: any clear answer, never a 5xx. */
    static final Set<String> SIGNED_ANYTHING = Set.of("200 published", "202 ignored", "400 bad-request");

    static FunctionCalls calls;

    record Case(String family, String name, byte[] invocation, Set<String> allowed) {}

    @BeforeAll
    static void gateway() {
        calls = new FunctionCalls();
    }

    @AfterAll
    static void report() {
        calls.close();
        FIGURES.write();
    }

    WebhookHandler webhook;
    int deliveries;

    @Test
    void hostileDeliveries_answeredWithAReason_andOnlyValidSignedPushesReachAws(TestAws aws) throws IOException {
        aws.createLedgerTable("shiplane-ledger");
        aws.createBus("shiplane");
        var tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        var secrets = aws.build(SecretsManagerClient.builder());
        var secretArn = secrets.createSecret(r -> r.name("shiplane/github-webhook").secretString(PREVIOUS)).arn();
        secrets.putSecretValue(r -> r.secretId(secretArn).secretString(CURRENT));
        webhook = new WebhookHandler(aws.environment(Map.of(
                DeliveryEnvironment.BUS_NAME, "shiplane", DeliveryEnvironment.LEDGER_TABLE, "shiplane-ledger",
                WebhookEnvironment.SECRET_ARN, secretArn, "AWS_ACCESS_KEY_ID", FunctionCalls.ACCESS_KEY,
                "POWERTOOLS_METRICS_DISABLED", "true")));

        List<Case> cases = new ArrayList<>();
        cases.addAll(signatures());
        cases.addAll(sizes());
        cases.addAll(encodings());
        cases.addAll(headerCases());
        cases.addAll(randomDamage(new Random(Long.getLong("reliability.seed", 9L)), RANDOM_CASES));

        List<String> problems = new ArrayList<>();
        var published = new LinkedHashSet<String>();
        for (var c : cases) {
            var what = c.family() + ": " + c.name();
            calls.arm(-1, null);
            JsonNode document;
            try {
                document = post(c.invocation());
            } catch (RuntimeException escaped) {
                problems.add(what + ": escaped " + escaped);
                FIGURES.add("escapedExceptions", 1);
                continue;
            }
            var status = document.path("statusCode").asInt();
            var body = document.path("body").asText();
            JsonNode answer = DeliveryWorld.read(body);
            var outcome = answer.path("outcome").asText();
            var reason = answer.path("reason").asText();
            var seen = status + " " + outcome;
            FIGURES.add("cases", 1);
            FIGURES.add("cases." + c.family(), 1);
            FIGURES.add("answers." + status, 1);
            if (!c.allowed().contains(seen)) problems.add(what + ": answered " + seen + " (" + clip(reason) + ")");
            if (reason.isBlank() || reason.length() > 500) problems.add(what + ": reason of " + reason.length() + " chars");
            if (!"application/json".equals(document.path("headers").path("content-type").asText())) {
                problems.add(what + ": content-type " + document.path("headers"));
            }
            for (var leak : List.of("Exception", "\tat ", "dev.shiplane.", "java.", CURRENT, PREVIOUS)) {
                if (body.contains(leak)) problems.add(what + ": the answer contains '" + leak + "': " + clip(body));
            }
            var mutations = calls.mutations();
            if (outcome.equals("published")) {
                published.add(answer.path("pushId").asText());
                if (!mutations.equals(List.of("PutItem", "PutEvents"))) problems.add(what + ": published with " + mutations);
            } else if (!mutations.isEmpty()) {
                problems.add(what + ": " + seen + " yet AWS was changed: " + mutations);
                FIGURES.add("mutationsWithoutAValidPush", 1);
            }
        }
        // The replay guard: a published delivery sent again is a duplicate and changes nothing.
        var replayed = cases.stream().filter(c -> c.allowed().equals(PUBLISHED)).findFirst().orElseThrow();
        calls.arm(-1, null);
        var again = DeliveryWorld.read(post(replayed.invocation()).path("body").asText());
        assertThat(again.path("outcome").asText()).as("the same delivery again").isEqualTo("duplicate");
        FIGURES.add("cases", 1);
        FIGURES.add("answers.200", 1);

        var announced = tap.drain().stream().filter(b -> BusTap.detailType(b).equals("Image Pushed"))
                .map(b -> DeliveryWorld.read(b).path("detail").path("pushId").asText()).toList();
        assertThat(problems).as("deliveries answered wrongly").isEmpty();
        assertThat(announced).as("Image Pushed on the bus, one per published delivery")
                .containsExactlyInAnyOrderElementsOf(published);
        var claims = aws.dynamo().scan(r -> r.tableName("shiplane-ledger").consistentRead(true)).items();
        assertThat(claims).as("delivery claims in the ledger").hasSize(published.size());
        FIGURES.add("published", published.size());
        FIGURES.add("mutationsWithoutAValidPush", 0);
        FIGURES.add("escapedExceptions", 0);
        FIGURES.add("lost", 0);
    }

    JsonNode post(byte[] invocation) {
        var out = new ByteArrayOutputStream();
        try {
            webhook.handleRequest(new ByteArrayInputStream(invocation), out, LocalContext.of("webhook"));
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- deliveries

    /** The sample payload, its JSON as text. */
    static String payload() {
        try {
            return JSON.readTree(RepoFiles.bytes(SAMPLE)).get("body").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode payloadTree() {
        try {
            return (ObjectNode) JSON.readTree(payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh delivery id per delivery, so the replay guard answers only the replay case. */
    String nextDeliveryId() {
        return String.format(Locale.ROOT, "fuzz-%05d-0000-4000-8000-000000000000", ++deliveries);
    }

    /**
     * The sample request carrying {@code body} (base64-encoded when {@code base64}), signed over its bytes with
     * {@code secret}, under a fresh delivery id; then {@code edit} applied to the envelope.
     */
    byte[] delivery(byte[] body, boolean base64, String secret, Consumer<ObjectNode> edit) {
        try {
            var envelope = (ObjectNode) JSON.readTree(RepoFiles.bytes(SAMPLE));
            envelope.put("body", base64 ? Base64.getEncoder().encodeToString(body)
                    : new String(body, StandardCharsets.UTF_8));
            envelope.put("isBase64Encoded", base64);
            var headers = (ObjectNode) envelope.get("headers");
            headers.put("x-github-delivery", nextDeliveryId());
            headers.put("content-length", String.valueOf(body.length));
            headers.put("x-hub-signature-256", WebhookSignatures.sign(secret, body));
            if (edit != null) edit.accept(envelope);
            return JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] signed(Consumer<ObjectNode> edit) {
        return delivery(payload().getBytes(StandardCharsets.UTF_8), false, CURRENT, edit);
    }

    byte[] signedPayload(Consumer<ObjectNode> editPayload) {
        var p = payloadTree();
        editPayload.accept(p);
        return delivery(DeliveryWorld.JSON.valueToTree(p).toString().getBytes(StandardCharsets.UTF_8), false, CURRENT,
                null);
    }

    static Consumer<ObjectNode> header(String name, String value) {
        return e -> {
            var headers = (ObjectNode) e.get("headers");
            if (value == null) headers.remove(name);
            else headers.put(name, value);
        };
    }

    static String signatureOf(ObjectNode envelope) {
        return envelope.get("headers").get("x-hub-signature-256").asText();
    }

    static Consumer<ObjectNode> signature(java.util.function.UnaryOperator<String> change) {
        return e -> ((ObjectNode) e.get("headers")).put("x-hub-signature-256", change.apply(signatureOf(e)));
    }

    static Case c(String family, String name, byte[] invocation, Set<String> allowed) {
        return new Case(family, name, invocation, allowed);
    }

    List<Case> signatures() {
        var f = "signature";
        var body = payload().getBytes(StandardCharsets.UTF_8);
        var hex = HexFormat.of().formatHex(hmacSha1(CURRENT, body));
        return List.of(
                c(f, "signed with the current secret", signed(null), PUBLISHED),
                c(f, "signed with the previous secret (mid-rotation)", delivery(body, false, PREVIOUS, null), PUBLISHED),
                c(f, "signed with a third secret", delivery(body, false, "guessed-secret", null), UNAUTHORIZED),
                c(f, "missing", signed(header("x-hub-signature-256", null)), UNAUTHORIZED),
                c(f, "empty", signed(header("x-hub-signature-256", "")), UNAUTHORIZED),
                c(f, "only the legacy sha1 header", signed(header("x-hub-signature-256", null)
                        .andThen(header("x-hub-signature", "sha1=" + hex))), UNAUTHORIZED),
                c(f, "sha1= prefix on the sha256 header", signed(header("x-hub-signature-256", "sha1=" + hex)),
                        UNAUTHORIZED),
                c(f, "sha512= prefix", signed(signature(s -> s.replace("sha256=", "sha512="))), UNAUTHORIZED),
                c(f, "no prefix", signed(signature(s -> s.substring("sha256=".length()))), UNAUTHORIZED),
                c(f, "sha256: instead of sha256=", signed(signature(s -> s.replace("sha256=", "sha256:"))), UNAUTHORIZED),
                c(f, "truncated by one digit", signed(signature(s -> s.substring(0, s.length() - 1))), UNAUTHORIZED),
                c(f, "truncated to half", signed(signature(s -> s.substring(0, 7 + 32))), UNAUTHORIZED),
                c(f, "one digit too many", signed(signature(s -> s + "0")), UNAUTHORIZED),
                c(f, "last digit changed", signed(signature(s -> s.substring(0, s.length() - 1)
                        + (s.endsWith("0") ? "1" : "0"))), UNAUTHORIZED),
                c(f, "non-hex digits", signed(signature(s -> s.substring(0, 7) + "z".repeat(64))), UNAUTHORIZED),
                c(f, "all zeros", signed(header("x-hub-signature-256", "sha256=" + "0".repeat(64))), UNAUTHORIZED),
                // hex is case-insensitive: the same MAC, spelt differently, is the same proof
                c(f, "upper-case hex", signed(signature(s -> "sha256=" + s.substring(7).toUpperCase(Locale.ROOT))),
                        PUBLISHED),
                c(f, "upper-case prefix", signed(signature(s -> s.replace("sha256=", "SHA256="))), PUBLISHED),
                c(f, "surrounding whitespace", signed(signature(s -> "  " + s + "\t")), PUBLISHED),
                c(f, "two signatures joined by a comma (a duplicated header)",
                        signed(signature(s -> s + ",sha256=" + "0".repeat(64))), UNAUTHORIZED),
                c(f, "valid for another body", signed(e -> {
                    var other = payload().replace("1.3.0", "1.3.1").getBytes(StandardCharsets.UTF_8);
                    ((ObjectNode) e.get("headers")).put("x-hub-signature-256", WebhookSignatures.sign(CURRENT, other));
                }), UNAUTHORIZED),
                c(f, "valid for the body with a trailing newline", signed(e -> ((ObjectNode) e.get("headers"))
                        .put("x-hub-signature-256", WebhookSignatures.sign(CURRENT, (payload() + "\n")
                                .getBytes(StandardCharsets.UTF_8)))), UNAUTHORIZED),
                c(f, "body changed after signing", signed(e -> e.put("body", e.get("body").asText()
                        .replace("1.3.0", "6.6.6"))), UNAUTHORIZED),
                c(f, "signed over the base64 text, not the bytes", delivery(body, true, CURRENT, e -> ((ObjectNode)
                        e.get("headers")).put("x-hub-signature-256", WebhookSignatures.sign(CURRENT,
                        e.get("body").asText().getBytes(StandardCharsets.UTF_8)))), UNAUTHORIZED),
                c(f, "a number", signed(e -> ((ObjectNode) e.get("headers")).put("x-hub-signature-256", 42)),
                        UNAUTHORIZED),
                c(f, "an object", signed(e -> ((ObjectNode) e.get("headers")).putObject("x-hub-signature-256")),
                        UNAUTHORIZED),
                c(f, "10 KB of digits", signed(header("x-hub-signature-256", "sha256=" + "a".repeat(10_000))),
                        UNAUTHORIZED));
    }

    List<Case> sizes() {
        var f = "size";
        var atLimit = padded(LIMIT);
        var overLimit = padded(LIMIT + 1);
        return List.of(
                c(f, "empty body, signed", delivery(new byte[0], false, CURRENT, null), BAD_REQUEST),
                c(f, "empty body, unsigned", delivery(new byte[0], false, CURRENT, header("x-hub-signature-256", null)),
                        UNAUTHORIZED),
                c(f, "body of one space, signed", delivery(" ".getBytes(StandardCharsets.UTF_8), false, CURRENT, null),
                        BAD_REQUEST),
                c(f, "exactly at the limit (" + LIMIT + " bytes), signed", delivery(atLimit, false, CURRENT, null),
                        PUBLISHED),
                c(f, "exactly at the limit, base64-encoded", delivery(atLimit, true, CURRENT, null), PUBLISHED),
                c(f, "one byte over the limit, signed", delivery(overLimit, false, CURRENT, null), TOO_LARGE),
                c(f, "one byte over the limit, base64-encoded", delivery(overLimit, true, CURRENT, null), TOO_LARGE),
                c(f, "one byte over the limit, unsigned", delivery(overLimit, false, CURRENT,
                        header("x-hub-signature-256", null)), TOO_LARGE),
                c(f, "3 MB, badly signed", delivery(padded(3 * LIMIT), false, "guessed-secret", null), TOO_LARGE));
    }

    /** The sample payload padded to exactly {@code size} bytes of JSON. */
    static byte[] padded(int size) {
        var p = payloadTree();
        p.put("padding", "");
        int base = p.toString().getBytes(StandardCharsets.UTF_8).length;
        p.put("padding", "x".repeat(size - base));
        var bytes = p.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).hasSize(size);
        return bytes;
    }

    List<Case> encodings() throws IOException {
        var f = "encoding";
        var body = payload().getBytes(StandardCharsets.UTF_8);
        List<Case> cases = new ArrayList<>();
        var invalidUtf8 = new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        cases.add(c(f, "invalid UTF-8 body (base64), signed", delivery(invalidUtf8, true, CURRENT, null), BAD_REQUEST));
        var payloadWithBadByte = payload().replace("\"1.3.0\"", "\"1.3.0\u0000\"").getBytes(StandardCharsets.UTF_8);
        payloadWithBadByte[payload().indexOf("\"1.3.0") + 6] = (byte) 0xFF;
        cases.add(c(f, "invalid UTF-8 inside the tag (base64), signed", delivery(payloadWithBadByte, true, CURRENT,
                null), BAD_REQUEST));
        var rawInvalid = new String(signed(null), StandardCharsets.ISO_8859_1)
                .replaceFirst("published", "publ\u00ffshed").getBytes(StandardCharsets.ISO_8859_1);
        cases.add(c(f, "invalid UTF-8 in the invocation itself", rawInvalid, BAD_REQUEST));
        cases.add(c(f, "UTF-8 byte-order mark before the JSON, signed", delivery(concat(new byte[] {(byte) 0xEF,
                (byte) 0xBB, (byte) 0xBF}, body), true, CURRENT, null), SIGNED_ANYTHING));
        cases.add(c(f, "isBase64Encoded true, body plain JSON", signed(e -> e.put("isBase64Encoded", true)),
                BAD_REQUEST));
        cases.add(c(f, "isBase64Encoded true, body plain text that decodes", delivery(body, false, CURRENT,
                e -> e.put("body", "QUJDRA==").put("isBase64Encoded", true)), UNAUTHORIZED));
        cases.add(c(f, "isBase64Encoded false, body base64 of the signed bytes", delivery(body, true, CURRENT,
                e -> e.put("isBase64Encoded", false)), UNAUTHORIZED));
        cases.add(c(f, "isBase64Encoded as the string \"true\"", delivery(body, true, CURRENT,
                e -> e.put("isBase64Encoded", "true")), PUBLISHED));
        cases.add(c(f, "isBase64Encoded as an object", delivery(body, false, CURRENT,
                e -> e.putObject("isBase64Encoded")), PUBLISHED));
        cases.add(c(f, "base64 with line breaks (MIME)", delivery(body, true, CURRENT, e -> e.put("body",
                Base64.getMimeEncoder().encodeToString(body))), BAD_REQUEST));
        cases.add(c(f, "base64url alphabet", delivery(new byte[] {(byte) 0xFB, (byte) 0xFF}, true, CURRENT,
                e -> e.put("body", "-_8=")), BAD_REQUEST));
        for (var notJson : List.of("payload=%7B%22action%22%3A%22published%22%7D", "<xml/>", "not json", "{",
                "[]", "null", "42", "\"a string\"", "{\"registry_package\":{}}")) {
            cases.add(c(f, "body " + JSON.writeValueAsString(notJson) + ", signed", delivery(
                    notJson.getBytes(StandardCharsets.UTF_8), false, CURRENT, null), BAD_REQUEST));
        }
        cases.add(c(f, "body an array nested 100,000 deep, signed", delivery(("[".repeat(100_000)
                + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8), false, CURRENT, null), BAD_REQUEST));
        cases.add(c(f, "payload with a field nested 5,000 deep, signed", delivery(payload().replaceFirst("^\\{",
                "{\"deep\":" + "[".repeat(5_000) + "]".repeat(5_000) + ",").getBytes(StandardCharsets.UTF_8), false,
                CURRENT, null), SIGNED_ANYTHING));
        cases.add(c(f, "invocation nested 100,000 deep", ("{\"requestContext\":" + "[".repeat(100_000)
                + "]".repeat(100_000) + "}").getBytes(StandardCharsets.UTF_8), BAD_REQUEST));
        cases.add(c(f, "invocation not JSON", "GET / HTTP/1.1".getBytes(StandardCharsets.UTF_8), BAD_REQUEST));
        cases.add(c(f, "invocation empty", new byte[0], BAD_REQUEST));
        cases.add(c(f, "invocation without requestContext", signed(e -> e.remove("requestContext")), BAD_REQUEST));
        // JSON of the wrong shape: the payload's fields with other types, all signed
        record Shape(String name, Consumer<ObjectNode> edit, Set<String> allowed) {}
        var shapes = List.of(
                new Shape("action a number", p -> p.put("action", 42), BAD_REQUEST),
                new Shape("action null", p -> p.putNull("action"), BAD_REQUEST),
                new Shape("registry_package a string", p -> p.put("registry_package", "monynha/docs"), BAD_REQUEST),
                new Shape("registry_package an array", p -> p.putArray("registry_package"), BAD_REQUEST),
                new Shape("name a number", p -> pkg(p).put("name", 7), BAD_REQUEST),
                new Shape("namespace an object, no owner", p -> {
                    pkg(p).putObject("namespace");
                    pkg(p).remove("owner");
                }, BAD_REQUEST),
                new Shape("package_type a boolean, no ecosystem", p -> {
                    pkg(p).put("package_type", true);
                    pkg(p).remove("ecosystem");
                }, IGNORED),
                new Shape("package_version a string", p -> pkg(p).put("package_version", "1.3.0"), IGNORED),
                new Shape("tag an array", p -> tag(p).putArray("name"), IGNORED),
                new Shape("tag a number", p -> tag(p).put("name", 130), IGNORED),
                new Shape("digest a number, version name too", p -> {
                    tag(p).put("digest", 1);
                    ((ObjectNode) pkg(p).get("package_version")).put("name", 1);
                }, BAD_REQUEST),
                new Shape("updated_at not a time", p -> ((ObjectNode) pkg(p).get("package_version"))
                        .put("updated_at", "yesterday"), PUBLISHED),
                new Shape("tag with a newline", p -> tag(p).put("name", "1.3.0\nInjected: log line"), BAD_REQUEST),
                new Shape("tag of 512 KB", p -> tag(p).put("name", "1".repeat(512 * 1024)), BAD_REQUEST),
                new Shape("name of 512 KB (a valid image name but for its length)",
                        p -> pkg(p).put("name", "a".repeat(512 * 1024)), BAD_REQUEST),
                new Shape("package_type of 512 KB", p -> {
                    pkg(p).put("package_type", "n".repeat(512 * 1024));
                }, IGNORED),
                new Shape("action of 512 KB", p -> p.put("action", "p".repeat(512 * 1024)), IGNORED),
                new Shape("digest of 512 KB", p -> tag(p).put("digest", "sha256:" + "a".repeat(512 * 1024)),
                        BAD_REQUEST),
                new Shape("digest in upper case", p -> tag(p).put("digest", tag(p).get("digest").asText()
                        .toUpperCase(Locale.ROOT)), BAD_REQUEST),
                new Shape("namespace with a path traversal", p -> pkg(p).put("namespace", "../../etc"), BAD_REQUEST));
        for (var shape : shapes) {
            cases.add(c(f, "payload " + shape.name() + ", signed", signedPayload(shape.edit()), shape.allowed()));
        }
        return cases;
    }

    static ObjectNode pkg(ObjectNode payload) {
        return (ObjectNode) payload.get("registry_package");
    }

    static ObjectNode tag(ObjectNode payload) {
        return (ObjectNode) pkg(payload).get("package_version").get("container_metadata").get("tag");
    }

    List<Case> headerCases() {
        var f = "headers";
        return List.of(
                c(f, "X-GitHub-Event missing", signed(header("x-github-event", null)), BAD_REQUEST),
                c(f, "X-GitHub-Event empty", signed(header("x-github-event", " ")), BAD_REQUEST),
                c(f, "X-GitHub-Event ping", signed(header("x-github-event", "ping")), Set.of("200 pong")),
                c(f, "X-GitHub-Event push", signed(header("x-github-event", "push")), IGNORED),
                c(f, "X-GitHub-Event in upper case", signed(header("x-github-event", "REGISTRY_PACKAGE")), IGNORED),
                c(f, "X-GitHub-Event package (legacy), payload under registry_package",
                        signed(header("x-github-event", "package")), BAD_REQUEST),
                c(f, "X-GitHub-Event ping, unsigned", signed(header("x-github-event", "ping")
                        .andThen(header("x-hub-signature-256", null))), UNAUTHORIZED),
                c(f, "X-GitHub-Delivery missing", signed(header("x-github-delivery", null)), BAD_REQUEST),
                c(f, "X-GitHub-Delivery with spaces", signed(header("x-github-delivery", "a b")), BAD_REQUEST),
                c(f, "X-GitHub-Delivery of 65 characters", signed(header("x-github-delivery", "d".repeat(65))),
                        BAD_REQUEST),
                c(f, "X-GitHub-Delivery a path", signed(header("x-github-delivery", "../../ledger")), BAD_REQUEST),
                c(f, "X-GitHub-Delivery non-ASCII", signed(header("x-github-delivery", "délivery")), BAD_REQUEST),
                c(f, "X-GitHub-Delivery duplicated (joined by a comma)", signed(e -> ((ObjectNode) e.get("headers"))
                        .put("x-github-delivery", e.get("headers").get("x-github-delivery").asText() + ",other")),
                        BAD_REQUEST),
                c(f, "header names in GitHub's capitalisation", signed(e -> rename(e, Map.of(
                        "x-hub-signature-256", "X-Hub-Signature-256", "x-github-event", "X-GitHub-Event",
                        "x-github-delivery", "X-GitHub-Delivery"))), PUBLISHED),
                c(f, "header names in upper case", signed(e -> rename(e, Map.of(
                        "x-hub-signature-256", "X-HUB-SIGNATURE-256", "x-github-event", "X-GITHUB-EVENT",
                        "x-github-delivery", "X-GITHUB-DELIVERY"))), PUBLISHED),
                c(f, "signature twice in two cases, the bad one last", signed(e -> ((ObjectNode) e.get("headers"))
                        .put("X-Hub-Signature-256", "sha256=" + "0".repeat(64))), UNAUTHORIZED),
                c(f, "signature twice in two cases, the good one last", signed(e -> {
                    var headers = (ObjectNode) e.get("headers");
                    var good = headers.remove("x-hub-signature-256").asText();
                    headers.put("x-hub-signature-256", "sha256=" + "0".repeat(64));
                    headers.put("X-Hub-Signature-256", good);
                }), PUBLISHED),
                c(f, "headers an array", signed(e -> e.putArray("headers")), UNAUTHORIZED),
                c(f, "headers null", signed(e -> e.putNull("headers")), UNAUTHORIZED),
                c(f, "no headers at all", signed(e -> e.remove("headers")), UNAUTHORIZED),
                c(f, "content-type form-encoded (GitHub's other format)", signed(header("content-type",
                        "application/x-www-form-urlencoded")), PUBLISHED),
                c(f, "method GET", signed(e -> ((ObjectNode) e.get("requestContext").get("http"))
                        .put("method", "GET")), PUBLISHED));
    }

    static void rename(ObjectNode envelope, Map<String, String> names) {
        var headers = (ObjectNode) envelope.get("headers");
        names.forEach((from, to) -> headers.set(to, headers.remove(from)));
    }

    /**
     * Seeded random damage to a signed delivery: characters of the body changed without signing again (401);
     * changed and signed again (any clear answer); the invocation cut short (400); or a header dropped or renamed.
     */
    List<Case> randomDamage(Random random, int n) throws IOException {
        var f = "random";
        var body = payload();
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var kind = random.nextInt(4);
            var chars = body.toCharArray();
            int flips = 1 + random.nextInt(4);
            for (int k = 0; k < flips; k++) {
                int at = random.nextInt(chars.length);
                char replacement;
                do {
                    replacement = (char) (32 + random.nextInt(95));
                } while (replacement == chars[at]);
                chars[at] = replacement;
            }
            var damaged = new String(chars).getBytes(StandardCharsets.UTF_8);
            switch (kind) {
                case 0 -> cases.add(c(f, flips + " characters changed after signing", delivery(
                        body.getBytes(StandardCharsets.UTF_8), false, CURRENT, e -> e.put("body", new String(chars))),
                        UNAUTHORIZED));
                case 1 -> cases.add(c(f, flips + " characters changed, signed again", delivery(damaged, false,
                        CURRENT, null), SIGNED_ANYTHING));
                case 2 -> {
                    var whole = signed(null);
                    int cut = 1 + random.nextInt(whole.length - 2);
                    cases.add(c(f, "invocation cut at byte " + cut, java.util.Arrays.copyOf(whole, cut), BAD_REQUEST));
                }
                default -> {
                    var names = List.of("x-hub-signature-256", "x-github-event", "x-github-delivery");
                    var name = names.get(random.nextInt(names.size()));
                    var drop = random.nextBoolean();
                    cases.add(c(f, (drop ? "without " : "renamed ") + name, signed(e -> {
                        var headers = (ObjectNode) e.get("headers");
                        var value = headers.remove(name);
                        if (!drop) headers.set(name.replace('-', '_'), value);
                    }), name.equals("x-hub-signature-256") ? UNAUTHORIZED : BAD_REQUEST));
                }
            }
        }
        return cases;
    }

    static byte[] concat(byte[] a, byte[] b) {
        var out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] hmacSha1(String secret, byte[] body) {
        try {
            var mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String clip(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…(" + s.length() + " chars)";
    }
}
