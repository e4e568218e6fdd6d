package dev.shiplane.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.shiplane.canary.CanaryHandler;
import dev.shiplane.deploy.DeployHandler;
import dev.shiplane.testkit.BlueGreenWorld;
import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.DueSchedules;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.Invocations;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health and smoke checks through the real deploy, canary and checks handlers against the emulator, with a local
 * HTTP server standing in for the service behind its load balancer (healthy, 500, slow, wrong JSON). Listener weights
 * are read back from ELBv2, retries are one-shot schedules in Scheduler (fired by the test: moto never fires them).
 */
@ExtendWith(EmulatorExtension.class)
class ChecksIT {

    static final ObjectMapper JSON = new ObjectMapper();

    /** What the stand-in service answers on /api/health: to the new colour (header) and to live traffic. */
    enum Answer { HEALTHY, ERROR_500, SLOW, DEGRADED }

    volatile Answer newColour = Answer.HEALTHY;
    volatile Answer live = Answer.HEALTHY;
    final List<String> requests = new CopyOnWriteArrayList<>();
    HttpServer service;

    TestAws aws;
    BlueGreenWorld world;
    DueSchedules schedules;
    BusTap tap;
    String rule;
    RequestStreamHandler deploy;
    RequestStreamHandler canary;
    RequestStreamHandler checks;
    final List<String> timeline = new ArrayList<>();
    /** The evidence of every {@code Gate Failed} on the bus, in order. */
    final List<String> gateFailures = new ArrayList<>();

    @BeforeEach
    void world(TestAws aws, @TempDir Path dir) throws IOException {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/api/health", exchange -> {
            var colour = exchange.getRequestHeaders().getFirst("X-Shiplane-Colour");
            requests.add(colour == null ? "live" : colour);
            var answer = colour == null ? live : newColour;
            int status = answer == Answer.ERROR_500 ? 500 : 200;
            var body = switch (answer) {
                case ERROR_500 -> "{\"error\":\"boom\"}";
                case DEGRADED -> "{\"status\":\"degraded\"}";
                default -> "{\"status\":\"ok\"}";
            };
            if (answer == Answer.SLOW) {
                try {
                    Thread.sleep(2500); // a service slower than the check's 1s bound
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            var bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException abandoned) {
                // the check gave up waiting and closed the connection
            }
        });
        service.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        service.start();

        this.aws = aws;
        world = new BlueGreenWorld(aws);
        schedules = new DueSchedules(aws);
        schedules.createGroup("shiplane");
        aws.createLedgerTable("shiplane-ledger");
        var busArn = aws.createBus("shiplane");
        tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        rule = world.progressiveService(world.loadBalancer("monynha-staging"), 10, "monynha-staging", "web",
                "monynha/web:1.0.0", 3);
        world.alarm("web-5xx");
        var config = dir.resolve("shiplane.yml");
        Files.writeString(config, """
                environments:
                  staging:
                    cluster: monynha-staging
                    tagPolicy: {semver: ">=0.1.0"}
                    checkEndpoint: http://127.0.0.1:%d
                services:
                  web:
                    repository: monynha/web
                    container: web
                    strategy: canary
                    steps: [50, 100]
                    bake: 5m
                    alarms: [web-5xx]
                    checks:
                      - name: health
                        path: /api/health
                        json: {field: /status, equals: ok}
                        timeout: 1s
                        attempts: 2
                        retryEvery: 20s
                """.formatted(service.getAddress().getPort()));
        var env = aws.environment(Map.of(
                "SHIPLANE_CONFIG_FILE", config.toString(),
                "SHIPLANE_BUS_NAME", "shiplane", "SHIPLANE_BUS_ARN", busArn, "SHIPLANE_LEDGER_TABLE", "shiplane-ledger",
                "SHIPLANE_SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/shiplane-scheduler"));
        deploy = new DeployHandler(env);
        canary = new CanaryHandler(env);
        checks = new ChecksHandler(env);
    }

    @AfterEach
    void stopService() {
        service.stop(0);
    }

    /** Delivers bus events to the function their rule would invoke, until nothing is left; records the timeline. */
    void settle() throws IOException {
        for (var body = tap.drain(); !body.isEmpty(); body = tap.drain()) {
            for (var b : body) {
                JsonNode e = JSON.readTree(b);
                var type = e.get("detail-type").asText();
                var d = e.get("detail");
                timeline.add(type + (d.has("gate") ? " " + d.get("gate").asText() : "")
                        + (d.has("canaryWeight") ? " " + d.get("canaryWeight").asInt() : "")
                        + (d.has("attempt") ? " attempt " + d.get("attempt").asInt() : ""));
                if (type.equals("Gate Failed")) gateFailures.add(d.get("evidence").asText());
                var bytes = b.getBytes(StandardCharsets.UTF_8);
                switch (type) {
                    case "Image Pushed" -> Invocations.invoke(deploy, bytes);
                    case "Health Check Due" -> Invocations.invoke(checks, bytes);
                    case "Gate Passed", "Gate Failed" -> Invocations.invoke(canary, bytes);
                    default -> { }
                }
            }
        }
    }

    void fireNextSchedule() throws IOException {
        var fired = schedules.fireNext("shiplane");
        var type = JSON.readTree(fired.event()).get("detail-type").asText();
        Invocations.invoke(type.equals("Health Check Due") ? checks : canary, fired.event());
        settle();
    }

    void pushAndBecomeHealthy() throws IOException {
        Invocations.invoke(deploy, RepoFiles.bytes("events/aws/ecr-image-push.json"));
        settle();
        Invocations.invoke(deploy, Invocations.ecsCompleted(aws, "monynha-staging", "web-green"));
        settle();
    }

    int desired(String ecsService) {
        return aws.ecs().describeServices(r -> r.cluster("monynha-staging").services(ecsService)).services().getFirst()
                .desiredCount();
    }

    String deploymentStatus() {
        return aws.dynamo().scan(r -> r.tableName("shiplane-ledger")).items().stream()
                .filter(i -> i.get("type").s().equals("deployment")).map(i -> i.get("status").s())
                .reduce((a, b) -> a + "," + b).orElse("none");
    }

    @Test
    void healthyChecksLetTrafficMoveAndThenPromote() throws IOException {
        pushAndBecomeHealthy();

        assertThat(requests).containsExactly("green");
        assertThat(timeline).containsSubsequence("Health Check Due attempt 1", "Gate Passed pre-traffic",
                "Traffic Shifted 50");
        assertThat(world.weights(rule)).isEqualTo("blue=50 green=50");

        fireNextSchedule(); // step 2: 100%
        assertThat(world.weights(rule)).isEqualTo("blue=0 green=100");
        fireNextSchedule(); // final check: post-promotion checks with blue still running
        assertThat(requests).containsExactly("green", "live");
        assertThat(timeline).containsSubsequence("Gate Passed post-promotion", "Deployment Succeeded");
        assertThat(desired("web-blue")).isZero();
        assertThat(deploymentStatus()).isEqualTo("SUCCEEDED");
    }

    @Test
    void failingPreTrafficCheckAbortsWithNoTrafficEverSent() throws IOException {
        newColour = Answer.ERROR_500;
        pushAndBecomeHealthy();

        // attempt 1 failed: the retry is a schedule, and still no traffic moved
        assertThat(world.weights(rule)).isEqualTo("blue=100 green=0");
        assertThat(schedules.pending("shiplane")).extracting(DueSchedules.Pending::name).singleElement()
                .asString().contains("-chk-").endsWith("-2");

        fireNextSchedule();
        assertThat(gateFailures).singleElement().asString()
                .startsWith("health: status 500, expected 200 (attempt 2 of 2)");

        assertThat(requests).containsExactly("green", "green");
        assertThat(world.weights(rule)).isEqualTo("blue=100 green=0");
        assertThat(desired("web-green")).isZero();
        assertThat(desired("web-blue")).isEqualTo(3);
        assertThat(timeline).doesNotContain("Traffic Shifted 50").containsSubsequence("Gate Failed pre-traffic",
                "Deployment Aborted");
        assertThat(deploymentStatus()).isEqualTo("ABORTED");
        assertThat(schedules.pending("shiplane")).isEmpty();
    }

    @Test
    void slowServiceFailsTheAttemptAtTheTimeoutInsteadOfWaiting() throws IOException {
        newColour = Answer.SLOW;
        pushAndBecomeHealthy();

        // each attempt is abandoned at the check's 1s bound (the service answers after 2.5s): a failed attempt
        fireNextSchedule();
        assertThat(gateFailures).singleElement().asString()
                .startsWith("health: no answer within 1000ms (attempt 2 of 2)");
        assertThat(world.weights(rule)).isEqualTo("blue=100 green=0");
        assertThat(deploymentStatus()).isEqualTo("ABORTED");
    }

    @Test
    void failingPostPromotionCheckRollsBackToTheStillRunningOldColour() throws IOException {
        live = Answer.DEGRADED;
        pushAndBecomeHealthy();
        fireNextSchedule(); // 100%
        fireNextSchedule(); // final check → post-promotion attempt 1 fails, retry scheduled
        assertThat(world.weights(rule)).isEqualTo("blue=0 green=100");
        assertThat(desired("web-blue")).isEqualTo(3);

        assertThat(gateFailures).as("attempt 1 failed with attempts left: no verdict yet").isEmpty();
        fireNextSchedule();
        assertThat(gateFailures).singleElement().asString()
                .startsWith("health: /status is \"degraded\", expected \"ok\"");

        assertThat(world.weights(rule)).isEqualTo("blue=100 green=0");
        assertThat(desired("web-blue")).isEqualTo(3);
        assertThat(desired("web-green")).isZero();
        assertThat(timeline).containsSubsequence("Gate Failed post-promotion", "Deployment Rolled Back")
                .doesNotContain("Deployment Succeeded");
        assertThat(deploymentStatus()).isEqualTo("ROLLED_BACK");
    }

    @Test
    void redeliveredCheckEventDoesNotDoubleCountOrScheduleTwice() throws IOException {
        newColour = Answer.ERROR_500;
        pushAndBecomeHealthy();
        var pending = schedules.pending("shiplane");
        var due = schedules.fire("shiplane", pending.getFirst().name());

        Invocations.invoke(checks, due.event());
        Invocations.invoke(checks, due.event());
        settle();

        assertThat(timeline.stream().filter(t -> t.equals("Deployment Aborted"))).hasSize(1);
        assertThat(world.weights(rule)).isEqualTo("blue=100 green=0");
        assertThat(deploymentStatus()).isEqualTo("ABORTED");
    }
}
