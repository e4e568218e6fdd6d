package dev.shiplane.canary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shiplane.deploy.DeployHandler;
import dev.shiplane.testkit.BlueGreenWorld;
import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.DueSchedules;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.Invocations;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Canary delivery against the emulator, through the real deploy and canary handlers: ELBv2 rule weights change step
 * by step (read back with DescribeRules), one-shot schedules are created and deleted in Scheduler (fired by the test,
 * as moto never fires them), and alarms set with SetAlarmState gate the steps.
 */
@ExtendWith(EmulatorExtension.class)
class ProgressiveDeliveryIT {

    static final ObjectMapper JSON = new ObjectMapper();

    TestAws aws;
    BlueGreenWorld world;
    DueSchedules schedules;
    BusTap tap;
    String stagingRule;
    String prodRule;
    RequestStreamHandler deploy;
    RequestStreamHandler canary;
    final List<String> timeline = new ArrayList<>();

    @BeforeEach
    void world(TestAws aws) {
        this.aws = aws;
        world = new BlueGreenWorld(aws);
        schedules = new DueSchedules(aws);
        schedules.createGroup("shiplane");
        aws.createLedgerTable("shiplane-ledger");
        var busArn = aws.createBus("shiplane");
        tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        stagingRule = world.progressiveService(world.loadBalancer("monynha-staging"), 10, "monynha-staging", "web",
                "monynha/web:1.0.0", 3);
        prodRule = world.progressiveService(world.loadBalancer("monynha-prod"), 10, "monynha-prod", "web",
                "monynha/web:1.0.0", 4);
        world.alarm("web-5xx");
        var env = aws.environment(Map.of(
                "SHIPLANE_CONFIG_FILE", RepoFiles.path("functions/canary/src/test/resources/progressive.yml").toString(),
                "SHIPLANE_BUS_NAME", "shiplane", "SHIPLANE_BUS_ARN", busArn, "SHIPLANE_LEDGER_TABLE", "shiplane-ledger",
                "SHIPLANE_SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/shiplane-scheduler"));
        deploy = new DeployHandler(env);
        canary = new CanaryHandler(env);
    }

    static String invoke(RequestStreamHandler handler, byte[] event) {
        return Invocations.invoke(handler, event);
    }

    /** Delivers bus events to the function their rule would invoke, until nothing is left; records the timeline. */
    void settle() throws IOException {
        for (var body = tap.drain(); !body.isEmpty(); body = tap.drain()) {
            for (var b : body) {
                JsonNode e = JSON.readTree(b);
                var type = e.get("detail-type").asText();
                var d = e.get("detail");
                timeline.add(type + (d.has("env") ? " " + d.get("env").asText() : "")
                        + (d.has("canaryWeight") ? " " + d.get("canaryWeight").asInt() : "")
                        + (d.has("reason") ? " " + d.get("reason").asText() : ""));
                if (type.equals("Image Pushed")) invoke(deploy, b.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    void ecsCompletes(String cluster, String service) throws IOException {
        invoke(deploy, Invocations.ecsCompleted(aws, cluster, service));
        settle();
    }

    String fireNextSchedule() throws IOException {
        var fired = schedules.fireNext("shiplane");
        var type = JSON.readTree(fired.event()).get("detail-type").asText();
        var result = invoke(type.equals("Promotion Due") ? deploy : canary, fired.event());
        settle();
        return result;
    }

    int desired(String cluster, String service) {
        return aws.ecs().describeServices(r -> r.cluster(cluster).services(service)).services().getFirst().desiredCount();
    }

    void push(String sample) throws IOException {
        invoke(deploy, RepoFiles.bytes("events/aws/" + sample));
        settle();
    }

    @Test
    void canaryStepsThroughWeightsThenPromotesAndPromotesToProd() throws IOException {
        push("ecr-image-push.json");
        assertThat(timeline).containsExactly("Image Pushed", "Deployment Started staging", "Deployment Skipped prod promotion");
        assertThat(desired("monynha-staging", "web-green")).isEqualTo(3);
        assertThat(world.weights(stagingRule)).isEqualTo("blue=100 green=0");

        ecsCompletes("monynha-staging", "web-green");
        assertThat(world.weights(stagingRule)).isEqualTo("blue=90 green=10");
        assertThat(schedules.pending("shiplane")).extracting(DueSchedules.Pending::name).singleElement()
                .asString().endsWith("-step-2");

        assertThat(fireNextSchedule()).startsWith("step 2/4");
        assertThat(world.weights(stagingRule)).isEqualTo("blue=75 green=25");
        fireNextSchedule();
        fireNextSchedule();
        assertThat(world.weights(stagingRule)).isEqualTo("blue=0 green=100");
        assertThat(desired("monynha-staging", "web-blue")).isEqualTo(3);
        assertThat(fireNextSchedule()).startsWith("promoted");
        assertThat(desired("monynha-staging", "web-blue")).isZero();

        assertThat(schedules.pending("shiplane")).extracting(DueSchedules.Pending::name).singleElement()
                .asString().endsWith("-promote-prod");
        assertThat(fireNextSchedule()).isEqualTo("started");
        assertThat(desired("monynha-prod", "web-green")).isEqualTo(4);
        ecsCompletes("monynha-prod", "web-green");
        assertThat(world.weights(prodRule)).isEqualTo("blue=90 green=10");

        assertThat(timeline).containsSubsequence("Traffic Shifted staging 10", "Traffic Shifted staging 25",
                "Traffic Shifted staging 50", "Traffic Shifted staging 100", "Deployment Succeeded staging",
                "Deployment Started prod", "Traffic Shifted prod 10");
    }

    @Test
    void gateAlarmRollsBackWithTrafficBackOnTheLiveColour() throws IOException {
        push("ecr-image-push.json");
        ecsCompletes("monynha-staging", "web-green");
        fireNextSchedule();
        world.setAlarm("web-5xx", "ALARM", "Threshold Crossed: 9 datapoints > 5");

        assertThat(fireNextSchedule()).startsWith("rolled back");

        assertThat(world.weights(stagingRule)).isEqualTo("blue=100 green=0");
        assertThat(desired("monynha-staging", "web-green")).isZero();
        assertThat(desired("monynha-staging", "web-blue")).isEqualTo(3);
        assertThat(schedules.pending("shiplane")).isEmpty();
        assertThat(timeline).last().asString().startsWith("Deployment Rolled Back staging gate failed: web-5xx in ALARM");
        var deployments = aws.dynamo().scan(r -> r.tableName("shiplane-ledger")).items().stream()
                .filter(i -> i.get("type").s().equals("deployment") && i.get("env").s().equals("staging")).toList();
        assertThat(deployments).singleElement().satisfies(i -> assertThat(i.get("status").s()).isEqualTo("ROLLED_BACK"));
    }

    @Test
    void operatorPromoteSkipsTheRemainingSteps() throws IOException {
        push("ecr-image-push.json");
        ecsCompletes("monynha-staging", "web-green");
        var request = """
                {"version":"0","id":"req-1","detail-type":"Promote Requested","source":"shiplane","account":"123456789012",
                 "time":"2026-11-26T10:10:00Z","region":"us-east-1","resources":[],
                 "detail":{"command":"promote","env":"staging","service":"web","requestId":"req-1",
                           "requestedBy":"arn:aws:iam::123456789012:user/ops","at":"2026-11-26T10:10:00Z"}}""";

        assertThat(invoke(canary, request.getBytes(StandardCharsets.UTF_8))).startsWith("promoted");
        settle();

        assertThat(world.weights(stagingRule)).isEqualTo("blue=0 green=100");
        assertThat(desired("monynha-staging", "web-blue")).isZero();
        assertThat(schedules.pending("shiplane")).extracting(DueSchedules.Pending::name).singleElement()
                .asString().endsWith("-promote-prod");
    }
}
