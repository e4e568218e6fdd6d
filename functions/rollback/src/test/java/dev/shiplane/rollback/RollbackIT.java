package dev.shiplane.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.aws.AwsClients;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Rollbacks against the emulator through the real handlers, with the real AWS event shapes from events/aws: alarm
 * during a canary (weights restored, call budget counted by an SDK interceptor), flapping and duplicate alarms, a
 * composite alarm, an ECS circuit-breaker failure, and an emergency rollback of an environment.
 */
@ExtendWith(EmulatorExtension.class)
class RollbackIT {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Every AWS call the rollback function makes, in order, as {@code Service.Operation}. */
    static final class CallLog implements ExecutionInterceptor {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            calls.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }

    TestAws aws;
    BlueGreenWorld world;
    DueSchedules schedules;
    BusTap tap;
    String apiRule;
    RequestStreamHandler deploy;
    RequestStreamHandler rollback;
    final CallLog calls = new CallLog();
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
        apiRule = world.progressiveService(world.loadBalancer("monynha-staging"), 10, "monynha-staging", "api",
                "monynha/api:1.0.0", 2);
        aws.ecsService("monynha-prod", "web", "web", "monynha/web:1.0.0");
        aws.ecsService("monynha-prod", "docs", "docs", "monynha/docs:1.0.0");
        for (var alarm : List.of("staging-api-5xx", "prod-web-health", "prod-docs-5xx")) world.alarm(alarm);
        var env = aws.environment(Map.of(
                "SHIPLANE_CONFIG_FILE", RepoFiles.path("functions/rollback/src/test/resources/rollback.yml").toString(),
                "SHIPLANE_BUS_NAME", "shiplane", "SHIPLANE_BUS_ARN", busArn, "SHIPLANE_LEDGER_TABLE", "shiplane-ledger",
                "SHIPLANE_SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/shiplane-scheduler"));
        deploy = new DeployHandler(env);
        var function = RollbackFunction.fromEnvironment(env, new AwsClients(env, List.of(calls)), java.time.Clock.systemUTC());
        rollback = (in, out, ctx) -> out.write(("{\"result\":" + JSON.writeValueAsString(function.handle(in.readAllBytes()))
                + "}").getBytes(StandardCharsets.UTF_8));
    }

    static String invoke(RequestStreamHandler handler, byte[] event) {
        return Invocations.invoke(handler, event);
    }

    void settle() throws IOException {
        for (var bodies = tap.drain(); !bodies.isEmpty(); bodies = tap.drain()) {
            for (var b : bodies) {
                JsonNode e = JSON.readTree(b);
                var d = e.get("detail");
                timeline.add(e.get("detail-type").asText() + (d.has("env") ? " " + d.get("env").asText() + "/"
                        + d.path("service").asText() : "") + (d.has("trigger") ? " " + d.get("trigger").asText() : ""));
                if (e.get("detail-type").asText().equals("Image Pushed")) invoke(deploy, b.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    void push(String repository, String tag, char digit) throws IOException {
        var event = RepoFiles.text("events/aws/ecr-image-push.json")
                .replace("13cde686-328b-6117-af20-0e5566167482", "push-" + repository.replace('/', '-') + "-" + tag)
                .replace("monynha/web", repository).replace("\"1.4.2\"", "\"" + tag + "\"")
                .replace("0b1f2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9", String.valueOf(digit).repeat(64));
        invoke(deploy, event.getBytes(StandardCharsets.UTF_8));
        settle();
    }

    void ecsCompletes(String cluster, String service) throws IOException {
        invoke(deploy, Invocations.ecsCompleted(aws, cluster, service));
        settle();
    }

    String taskDefinition(String cluster, String service) {
        return aws.ecs().describeServices(r -> r.cluster(cluster).services(service)).services().getFirst().taskDefinition();
    }

    @Test
    void alarmDuringCanary_restoresTrafficWithinTheCallBudget() throws IOException {
        push("monynha/api", "2.0.0", 'a');
        ecsCompletes("monynha-staging", "api-green");
        assertThat(world.weights(apiRule)).isEqualTo("blue=90 green=10");
        world.setAlarm("staging-api-5xx", "ALARM", "Threshold Crossed");

        var result = invoke(rollback, RepoFiles.bytes("events/aws/cloudwatch-alarm-staging-api-5xx-alarm.json"));
        settle();

        assertThat(result).contains("rolled back");
        assertThat(world.weights(apiRule)).isEqualTo("blue=100 green=0");
        int restoredAt = calls.calls.indexOf("ElasticLoadBalancingV2.ModifyRule") + 1;
        assertThat(restoredAt).as("calls until traffic restored: %s", calls.calls).isBetween(1, 6);
        assertThat(calls.calls).as("no polling, no waiters").doesNotContain("ECS.DescribeServices");
        assertThat(aws.ecs().describeServices(r -> r.cluster("monynha-staging").services("api-green")).services()
                .getFirst().desiredCount()).isZero();
        assertThat(timeline).last().isEqualTo("Deployment Rolled Back staging/api alarm");
        assertThat(schedules.pending("shiplane")).isEmpty();

        // the same event three times, then OK, then ALARM again: still one rollback
        invoke(rollback, RepoFiles.bytes("events/aws/cloudwatch-alarm-staging-api-5xx-alarm.json"));
        invoke(rollback, RepoFiles.bytes("events/aws/cloudwatch-alarm-staging-api-5xx-alarm.json"));
        assertThat(invoke(rollback, RepoFiles.bytes("events/aws/cloudwatch-alarm-staging-api-5xx-ok.json")))
                .startsWith("ignored");
        invoke(rollback, RepoFiles.bytes("events/aws/cloudwatch-alarm-staging-api-5xx-alarm-again.json"));
        settle();
        assertThat(timeline).filteredOn(t -> t.startsWith("Deployment Rolled Back")).hasSize(1);

        // the rolled-back digest is quarantined: pushing it again deploys nothing
        push("monynha/api", "2.0.0-again", 'a');
        assertThat(timeline).last().isEqualTo("Deployment Skipped staging/api");
    }

    @Test
    void ecsCircuitBreakerFailure_restoresTheKnownGoodRevision() throws IOException {
        var before = taskDefinition("monynha-prod", "docs");
        push("monynha/docs", "1.4.0", 'd');
        var failed = Invocations.ecsFailed(aws, "monynha-prod", "docs");

        var result = invoke(rollback, failed);
        settle();

        assertThat(result).contains("rolled back to " + before);
        assertThat(taskDefinition("monynha-prod", "docs")).isEqualTo(before);
        assertThat(timeline).last().isEqualTo("Deployment Rolled Back prod/docs ecs-failure");
        assertThat(invoke(rollback, failed)).contains("ignored");
    }

    @Test
    void compositeAlarm_rollsBackTheServiceThatListsIt() throws IOException {
        var before = taskDefinition("monynha-prod", "web");
        push("monynha/web", "3.1.0", 'e');
        assertThat(taskDefinition("monynha-prod", "web")).isNotEqualTo(before);

        var result = invoke(rollback, RepoFiles.bytes("events/aws/cloudwatch-composite-alarm-prod-web-health.json"));

        assertThat(result).contains("prod/web rolled back to " + before);
        assertThat(taskDefinition("monynha-prod", "web")).isEqualTo(before);
    }

    @Test
    void emergencyRollbackOfProd_rollsBackWhatItCanAndReportsTheRest() throws IOException {
        var webBefore = taskDefinition("monynha-prod", "web");
        push("monynha/web", "3.1.0", 'e');

        var result = invoke(rollback, RepoFiles.bytes("events/shiplane/rollback-requested-emergency.json"));
        settle();

        assertThat(result).contains("prod/web rolled back to " + webBefore).contains("prod/docs failed");
        assertThat(taskDefinition("monynha-prod", "web")).isEqualTo(webBefore);
        assertThat(timeline).contains("Deployment Rolled Back prod/web manual", "Rollback Failed prod/docs manual");
    }

    @Test
    void alarmsOfNoServiceAndOkTransitionsDoNothing() throws IOException {
        var unmapped = RepoFiles.text("events/aws/cloudwatch-alarm-staging-api-5xx-alarm.json")
                .replace("staging-api-5xx", "someone-elses-alarm");
        assertThat(invoke(rollback, unmapped.getBytes(StandardCharsets.UTF_8))).startsWith("ignored");
        assertThat(invoke(rollback, RepoFiles.bytes("events/aws/cloudwatch-alarm-staging-api-5xx-ok.json")))
                .startsWith("ignored");
        assertThat(tap.drain()).isEmpty();
    }
}
