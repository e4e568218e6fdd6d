package dev.shiplane.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.shiplane.aws.DynamoDbFreezes;
import dev.shiplane.aws.DynamoDbLedger;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.freeze.Freeze;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.LocalContext;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link HooksFunction} invoked with AWS's documented hook payloads (events/aws/ecs-lifecycle-hook-*.json) against
 * the emulator: the ledger, freezes and announcement claims in DynamoDB, announcements on EventBridge (read back
 * through a queue), checks against a local HTTP server standing in for the service's test and live traffic.
 */
@ExtendWith(EmulatorExtension.class)
class HooksFunctionIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DIGEST = "sha256:" + "7c3a".repeat(16);
    static final ImageRef IMAGE = new ImageRef("ecr", "monynha/web", "1.5.0", DIGEST,
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/web@" + DIGEST);

    volatile int status = 200;
    final List<String> requests = new CopyOnWriteArrayList<>();
    HttpServer service;
    TestAws aws;
    BusTap tap;
    DynamoDbLedger ledger;
    HooksFunction hooks;

    @BeforeEach
    void world(TestAws aws, @TempDir Path dir) throws IOException {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/api/health", exchange -> {
            var colour = exchange.getRequestHeaders().getFirst("X-Shiplane-Colour");
            requests.add(colour == null ? "live" : colour);
            var body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        service.start();
        this.aws = aws;
        aws.createLedgerTable("shiplane-ledger");
        aws.createBus("shiplane");
        tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        ledger = new DynamoDbLedger(aws.dynamo(), "shiplane-ledger");
        var config = dir.resolve("shiplane.yml");
        Files.writeString(config, """
                environments:
                  prod:
                    cluster: monynha-prod
                    tagPolicy: {semver: ">=1.0.0"}
                    checkEndpoint: http://127.0.0.1:%d
                services:
                  web:
                    repository: monynha/web
                    container: web
                    engine: ecs
                    strategy: canary
                    steps: [10, 100]
                    bake: 5m
                    checks:
                      - name: health
                        path: /api/health
                        json: {field: /status, equals: ok}
                        timeout: 1s
                        attempts: 2
                        retryEvery: 20s
                """.formatted(service.getAddress().getPort()));
        hooks = new HooksFunction(aws.environment(Map.of("SHIPLANE_CONFIG_FILE", config.toString(),
                "SHIPLANE_BUS_NAME", "shiplane", "SHIPLANE_LEDGER_TABLE", "shiplane-ledger")));
    }

    @AfterEach
    void stopService() {
        service.stop(0);
    }

    /** The ledger as the deploy function leaves it once it handed d-7 to ECS. */
    void deploying() {
        var now = Instant.now();
        ledger.commit(List.of(new Deployment("d-7", "prod", "web", "push-7", IMAGE, DeploymentStatus.STARTED,
                        DeploymentStatus.STARTED, "web:6", "web:7", "ecs-svc/7", now, now, now, null)),
                ServiceState.initial("prod", "web").activated("d-7", "ecs-svc/7"), 0);
    }

    JsonNode invoke(byte[] payload) throws IOException {
        var out = new ByteArrayOutputStream();
        hooks.handleRequest(new ByteArrayInputStream(payload), out, LocalContext.of("hooks"));
        return JSON.readTree(out.toByteArray());
    }

    JsonNode invoke(String sample) throws IOException {
        return invoke(RepoFiles.bytes("events/aws/" + sample));
    }

    /** The sample with {@code hookDetails} replaced by what the previous answer handed back. */
    static byte[] withDetails(String sample, JsonNode details) throws IOException {
        var payload = (ObjectNode) JSON.readTree(RepoFiles.bytes("events/aws/" + sample));
        payload.set("hookDetails", details);
        return JSON.writeValueAsBytes(payload);
    }

    @Test
    void frozenEnvironment_failsBeforeScaleUp_andARedeliveredInvocationAnnouncesOnce() throws IOException {
        deploying();
        new DynamoDbFreezes(aws.dynamo(), "shiplane-ledger").put(new Freeze("prod", "incident 42",
                Instant.now().plusSeconds(3600), "ana", Instant.now()));

        var first = invoke("ecs-lifecycle-hook-pre-scale-up.json");
        var again = invoke("ecs-lifecycle-hook-pre-scale-up.json");

        assertThat(first.get("hookStatus").asText()).isEqualTo("FAILED");
        assertThat(again.get("hookStatus").asText()).isEqualTo("FAILED");
        assertThat(tap.drainDetailTypes()).containsExactly("Deployment Blocked");
        var claims = aws.dynamo().scan(r -> r.tableName("shiplane-ledger")).items().stream()
                .filter(i -> i.get("pk").s().startsWith("HOOK#")).map(i -> i.get("pk").s()).toList();
        assertThat(claims).containsExactly("HOOK#3f2c9b1e-7a4d-4e8b-9c61-2d5f0a8e4b17#PRE_SCALE_UP#1#0");
        assertThat(ledger.deployment("prod", "web", "d-7").orElseThrow().status()).isEqualTo(DeploymentStatus.BLOCKED);
    }

    @Test
    void openEnvironment_scalesUpWithoutAnnouncing() throws IOException {
        deploying();

        assertThat(invoke("ecs-lifecycle-hook-pre-scale-up.json").get("hookStatus").asText()).isEqualTo("SUCCEEDED");
        assertThat(tap.drainDetailTypes()).isEmpty();
    }

    @Test
    void preTrafficCheck_failingOnce_isAskedAgainWithItsProgressInHookDetails_thenPasses() throws IOException {
        deploying();
        status = 503;

        var first = invoke("ecs-lifecycle-hook-post-test-traffic-shift.json");
        status = 200;
        var second = invoke(withDetails("ecs-lifecycle-hook-post-test-traffic-shift.json", first.get("hookDetails")));

        assertThat(first.get("hookStatus").asText()).isEqualTo("IN_PROGRESS");
        assertThat(first.get("callBackDelay").asInt()).isEqualTo(20);
        assertThat(first.get("hookDetails").get("shiplane.attempt.health").asText()).isEqualTo("2");
        assertThat(second.get("hookStatus").asText()).isEqualTo("SUCCEEDED");
        assertThat(second.has("hookDetails")).isFalse();
        assertThat(requests).containsExactly("green", "green");
        var events = tap.drain();
        assertThat(events).extracting(BusTap::detailType).containsExactly("Gate Passed");
        assertThat(JSON.readTree(events.getFirst()).at("/detail/evidence").asText()).contains("attempt 2");
    }

    @Test
    void productionShift_isAnnouncedWithTheNewRevisionsWeight() throws IOException {
        deploying();

        var answer = invoke("ecs-lifecycle-hook-production-traffic-shift.json");

        assertThat(answer.get("hookStatus").asText()).isEqualTo("SUCCEEDED");
        var events = tap.drain();
        assertThat(events).extracting(BusTap::detailType).containsExactly("Traffic Shifted");
        var detail = JSON.readTree(events.getFirst()).get("detail");
        assertThat(detail.get("canaryWeight").asInt()).isEqualTo(10);
        assertThat(detail.get("stableWeight").asInt()).isEqualTo(90);
        assertThat(detail.get("step").asInt()).isEqualTo(1);
        assertThat(detail.get("deploymentId").asText()).isEqualTo("d-7");
    }

    @Test
    void postPromotionCheck_asksTheLiveService() throws IOException {
        deploying();

        assertThat(invoke("ecs-lifecycle-hook-post-production-traffic-shift.json").get("hookStatus").asText())
                .isEqualTo("SUCCEEDED");
        // a check declared without a phase runs in both: here against the live service, without the test header
        assertThat(requests).containsExactly("live");
        assertThat(tap.drainDetailTypes()).containsExactly("Gate Passed");
    }

    @Test
    void hookWithoutAShiplaneDeployment_failsClosed() throws IOException {
        assertThat(invoke("ecs-lifecycle-hook-pre-scale-up.json").get("hookStatus").asText()).isEqualTo("FAILED");
    }

    @Test
    void payloadThatIsNotEcss_isAnsweredFailed() throws IOException {
        var answer = invoke("{\"lifecycleStage\": \"PRE_SCALE_UP\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.get("hookStatus").asText()).isEqualTo("FAILED");
        assertThat(tap.drainDetailTypes()).isEmpty();
    }

    @Test
    void announcementClaimsAreLedgerItemsDynamoDbExpires() throws IOException {
        deploying();

        invoke("ecs-lifecycle-hook-production-traffic-shift.json");

        var item = aws.dynamo().getItem(r -> r.tableName("shiplane-ledger").key(Map.of(
                "pk", AttributeValue.fromS("HOOK#c47e0a9d-2b8f-4d1c-a6e5-9f3b7d2c1e05#PRODUCTION_TRAFFIC_SHIFT#1#10"),
                "sk", AttributeValue.fromS("DELIVERY")))).item();
        assertThat(item.get("type").s()).isEqualTo("hook-announcement");
        assertThat(Long.parseLong(item.get("ttl").n())).isGreaterThan(Instant.now().getEpochSecond());
    }

}
