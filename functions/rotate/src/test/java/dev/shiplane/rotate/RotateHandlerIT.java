package dev.shiplane.rotate;

import dev.shiplane.testkit.TestPostgres;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplane.contract.rotation.JsonCredentialsFormat;
import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.LocalContext;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The rotation function as Lambda runs it: its three inputs from events/, Secrets Manager and EventBridge in moto,
 * the machine's PostgreSQL, and the function's own log output captured and searched for secret values.
 */
@ExtendWith(EmulatorExtension.class)
class RotateHandlerIT {

    static final ObjectMapper JSON = new ObjectMapper();

    TestPostgres pg;
    TestAws aws;
    SecretsManagerClient secretsManager;
    BusTap tap;
    RotateHandler handler;
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @BeforeEach
    void world(TestAws aws, @TempDir Path dir) throws IOException {
        this.aws = aws;
        pg = TestPostgres.create();
        secretsManager = aws.build(SecretsManagerClient.builder());
        secretsManager.createSecret(r -> r.name("it/db-password").secretString(TestPostgres.secretJson(pg.app())));
        secretsManager.createSecret(r -> r.name("it/db-master").secretString(TestPostgres.secretJson(pg.master())));
        secretsManager.createSecret(r -> r.name("it/jwt-secret").secretString("J".repeat(64)));
        secretsManager.createSecret(r -> r.name("it/api-key").secretString("K".repeat(40)));
        aws.createBus("shiplane");
        tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        var config = dir.resolve("shiplane.yml");
        Files.writeString(config, """
                environments:
                  staging: {cluster: it-staging, tagPolicy: {any: true}}
                  prod: {cluster: it-prod, tagPolicy: {any: true}}
                services:
                  web: {repository: it/web, container: web}
                  api: {repository: it/api, container: api}
                rotation:
                  secrets:
                    db-password: {secretId: it/db-password, type: postgres, masterSecretId: it/db-master, consumers: [api, web]}
                    jwt-secret: {secretId: it/jwt-secret, type: hmac-key, gracePeriod: 7d, length: 64, consumers: [api]}
                    api-key: {secretId: it/api-key, type: api-key, length: 40, consumers: [web]}
                """);
        handler = new RotateHandler(aws.environment(Map.of("SHIPLANE_CONFIG_FILE", config.toString(),
                "SHIPLANE_BUS_NAME", "shiplane", "POWERTOOLS_METRICS_DISABLED", "true")));
    }

    @AfterEach
    void drop() {
        if (pg != null) pg.close();
    }

    /** Invokes the handler with standard output captured, as CloudWatch would receive it. */
    String invoke(byte[] event) throws IOException {
        var out = new ByteArrayOutputStream();
        var console = System.out;
        System.setOut(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, LocalContext.of("rotate"));
        } finally {
            System.setOut(console);
        }
        return JSON.readTree(out.toByteArray()).get("result").asText();
    }

    List<JsonNode> published() {
        List<JsonNode> events = new ArrayList<>();
        for (var body : tap.drain()) {
            try {
                events.add(JSON.readTree(body));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return events;
    }

    static List<String> summary(List<JsonNode> events) {
        return events.stream().map(e -> {
            var d = e.get("detail");
            return e.get("detail-type").asText() + " " + (d.has("secretName") ? d.get("secretName").asText()
                    : d.path("env").asText() + "/" + d.path("service").asText());
        }).toList();
    }

    String value(String secret, String stage) {
        return secretsManager.getSecretValue(r -> r.secretId(secret).versionStage(stage)).secretString();
    }

    /** Every secret value that exists now, and the passwords inside the database secrets. */
    Set<String> everySecretValue() {
        Set<String> values = new LinkedHashSet<>();
        for (var secret : List.of("it/db-password", "it/db-master", "it/jwt-secret", "it/api-key")) {
            for (var version : secretsManager.listSecretVersionIds(r -> r.secretId(secret).includeDeprecated(true))
                    .versions()) {
                var value = secretsManager.getSecretValue(r -> r.secretId(secret).versionId(version.versionId())
                        .versionStage(version.versionStages().isEmpty() ? null : version.versionStages().getFirst()))
                        .secretString();
                values.add(value);
                if (value.startsWith("{")) values.add(new JsonCredentialsFormat().read(value).password());
            }
        }
        return values;
    }

    @Test
    void monthlySchedule_rotatesEverySecret_andAsksEveryConsumerToRedeploy() throws IOException {
        var result = invoke(RepoFiles.bytes("events/aws/scheduled-rotation.json"));

        assertThat(result).contains("db-password rotated").contains("jwt-secret rotated").contains("api-key rotated");
        assertThat(summary(published())).containsExactly(
                "Secret Rotated db-password", "Redeploy Requested staging/api", "Redeploy Requested prod/api",
                "Redeploy Requested staging/web", "Redeploy Requested prod/web",
                "Secret Rotated jwt-secret", "Redeploy Requested staging/api", "Redeploy Requested prod/api",
                "Secret Rotated api-key", "Redeploy Requested staging/web", "Redeploy Requested prod/web");
        var db = new JsonCredentialsFormat().read(value("it/db-password", "AWSCURRENT"));
        assertThat(db.username()).isEqualTo(pg.app + "_clone");
        assertThat(pg.passwordIs(db.username(), db.password())).isTrue();
        assertThat(value("it/jwt-secret", "AWSPREVIOUS")).isEqualTo("J".repeat(64));
        assertThat(value("it/jwt-secret", "AWSCURRENT")).hasSize(64).isNotEqualTo("J".repeat(64));
        assertThat(value("it/api-key", "AWSCURRENT")).hasSize(40).matches("[A-Za-z0-9]+");
    }

    @Test
    void redeliveredSchedule_resumesInsteadOfRotatingAgain_andRepeatsTheSameRedeployRequests() throws IOException {
        var event = RepoFiles.bytes("events/aws/scheduled-rotation.json");
        invoke(event);
        var first = published();
        var current = value("it/db-password", "AWSCURRENT");

        invoke(event);

        var again = published();
        assertThat(value("it/db-password", "AWSCURRENT")).isEqualTo(current);
        assertThat(requestIds(again)).isEqualTo(requestIds(first)).hasSize(8);
    }

    static List<String> requestIds(List<JsonNode> events) {
        return events.stream().filter(e -> e.get("detail").has("requestId"))
                .map(e -> e.get("detail").get("requestId").asText()).toList();
    }

    @Test
    void rotationRequested_rotatesTheOneSecretItNames() throws IOException {
        var result = invoke(RepoFiles.bytes("events/shiplane/rotation-requested.json"));

        assertThat(result).startsWith("api-key rotated");
        assertThat(summary(published())).containsExactly("Secret Rotated api-key", "Redeploy Requested staging/web",
                "Redeploy Requested prod/web");
        assertThat(value("it/jwt-secret", "AWSCURRENT")).isEqualTo("J".repeat(64));
    }

    @Test
    void secretsManagersRotationRequests_runOneStepEach_andFinishAnnounces() throws IOException {
        var arn = secretsManager.describeSecret(r -> r.secretId("it/db-password")).arn();
        List<String> results = new ArrayList<>();
        for (var step : List.of("create", "set", "test", "finish")) {
            var request = (ObjectNode) JSON.readTree(RepoFiles.bytes("events/aws/secretsmanager-rotation-" + step
                    + "-secret.json"));
            request.put("SecretId", arn);
            results.add(invoke(request.toString().getBytes(StandardCharsets.UTF_8)));
        }

        assertThat(results.getLast()).startsWith("db-password rotated (version 5f4c7a2e-1b3d-4e8f-9a06-7c2d1e0f3b45)");
        assertThat(results.subList(0, 3)).allMatch(r -> r.startsWith("db-password step-done"));
        var events = published();
        assertThat(summary(events)).first().isEqualTo("Secret Rotated db-password");
        var db = new JsonCredentialsFormat().read(value("it/db-password", "AWSCURRENT"));
        assertThat(pg.passwordIs(db.username(), db.password())).isTrue();
        // The samples carry Secrets Manager's RotationToken: handed back with the pending value, never written out.
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("createSecret")
                .doesNotContain("sample-rotation-token");
        assertThat(events.toString()).contains("db-password").doesNotContain("sample-rotation-token");
    }

    @Test
    void noSecretValue_appearsInTheLogs_theEvents_orTheErrors() throws IOException {
        invoke(RepoFiles.bytes("events/aws/scheduled-rotation.json"));
        // A failing rotation too: the master secret now names a user the server does not know.
        var master = new JsonCredentialsFormat().withLogin(value("it/db-master", "AWSCURRENT"), "nobody_" + pg.app,
                "NotThePassword0000000000");
        secretsManager.putSecretValue(r -> r.secretId("it/db-master").secretString(master));
        var request = (ObjectNode) JSON.readTree(RepoFiles.bytes("events/shiplane/rotation-requested.json"));
        ((ObjectNode) request.get("detail")).put("secret", "db-password");
        var failure = org.assertj.core.api.Assertions.catchThrowable(
                () -> invoke(request.toString().getBytes(StandardCharsets.UTF_8)));

        var events = String.join("\n", tap.drain());
        var logText = logs.toString(StandardCharsets.UTF_8);
        assertThat(failure).isNotNull().hasMessageContaining("createSecret failed");
        assertThat(events).contains("Secret Rotated").contains("Rotation Failed");
        assertThat(logText).contains("db-password rotated").contains("\"level\"");
        var values = everySecretValue();
        assertThat(values).hasSizeGreaterThanOrEqualTo(9);
        for (var value : values) {
            assertThat(logText).as("function log").doesNotContain(value);
            assertThat(events).as("bus events").doesNotContain(value);
            assertThat(failure.getMessage()).as("exception").doesNotContain(value);
            for (var suppressed : failure.getSuppressed()) assertThat(suppressed.getMessage()).doesNotContain(value);
        }
    }

    @Test
    void anUnknownSecret_isRefusedByName() {
        var request = "{\"version\":\"0\",\"id\":\"1\",\"source\":\"shiplane\",\"detail-type\":\"Rotation Requested\","
                + "\"detail\":{\"secret\":\"nope\",\"requestId\":\"r-1\"}}";

        assertThatThrownBy(() -> invoke(request.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("'nope' is not a managed secret");
    }
}
