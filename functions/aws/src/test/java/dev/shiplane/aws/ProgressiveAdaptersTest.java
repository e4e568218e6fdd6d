package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.config.BlueGreenNames;
import dev.shiplane.core.events.CanaryStepDue;
import dev.shiplane.core.rollout.Colour;
import dev.shiplane.testkit.BlueGreenWorld;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/** The adapters progressive delivery needs, against the emulator's ELBv2, Scheduler, CloudWatch and ECS. */
@ExtendWith(EmulatorExtension.class)
class ProgressiveAdaptersTest {

    static final BlueGreenNames NAMES = new BlueGreenNames("web-blue", "web-green", "monynha-prod-web-blue",
            "monynha-prod-web-green");

    TestAws aws;
    BlueGreenWorld world;
    String rule;

    @BeforeEach
    void world(TestAws aws) {
        this.aws = aws;
        world = new BlueGreenWorld(aws);
        var listener = world.loadBalancer("monynha-prod");
        world.progressiveService(listener, 20, "monynha-prod", "api", "monynha/api:1.0.0", 2);
        rule = world.progressiveService(listener, 10, "monynha-prod", "web", "monynha/web:1.0.0", 3);
    }

    @Test
    void discoverFindsTheRuleForwardingToBothColours_andWeightsMoveWithOneCall() {
        var router = new AlbWeightedTrafficRouter(world.elb());
        var routing = router.discover(NAMES);

        assertThat(routing.listenerRuleArn()).isEqualTo(rule);
        assertThat(routing.service(Colour.GREEN)).isEqualTo("web-green");

        router.setWeights(routing, Colour.GREEN, 25);
        assertThat(world.weights(rule)).isEqualTo("blue=75 green=25");
        router.setWeights(routing, Colour.BLUE, 100);
        assertThat(world.weights(rule)).isEqualTo("blue=100 green=0");
    }

    @Test
    void discoverNamesWhatIsMissing() {
        var router = new AlbWeightedTrafficRouter(world.elb());
        assertThatThrownBy(() -> router.discover(new BlueGreenNames("a", "b", "monynha-prod-web-blue", "nope-green")))
                .hasMessageContaining("nope-green").hasMessageContaining("must both exist");
        assertThatThrownBy(() -> router.discover(new BlueGreenNames("a", "b", "monynha-prod-web-blue",
                "monynha-prod-api-green"))).hasMessageContaining("no listener rule forwards to both");
    }

    @Test
    void oneShotSchedulesTargetTheBusOnceAndAreIdempotent() {
        var client = aws.build(SchedulerClient.builder());
        client.createScheduleGroup(r -> r.name("shiplane"));
        var busArn = aws.createBus("shiplane");
        var scheduler = new EventBridgeOneShotScheduler(client, "shiplane", busArn, "arn:aws:iam::123456789012:role/s");
        var due = Instant.parse("2026-11-26T10:05:00.750Z");
        var event = new CanaryStepDue("prod", "web", "d-1", 2, due);

        scheduler.schedule("shiplane-d-1-step-2", due, event);
        scheduler.schedule("shiplane-d-1-step-2", due, event);

        var stored = client.getSchedule(r -> r.name("shiplane-d-1-step-2").groupName("shiplane"));
        assertThat(stored.scheduleExpression()).isEqualTo("at(2026-11-26T10:05:00)");
        assertThat(stored.actionAfterCompletionAsString()).isEqualTo("DELETE");
        assertThat(stored.target().arn()).isEqualTo(busArn);
        assertThat(stored.target().eventBridgeParameters().detailType()).isEqualTo("Canary Step Due");
        assertThat(stored.target().eventBridgeParameters().source()).isEqualTo("shiplane");
        assertThat(stored.target().input()).contains("\"step\":2").contains("\"deploymentId\":\"d-1\"");

        scheduler.cancel("shiplane-d-1-step-2");
        scheduler.cancel("shiplane-d-1-step-2");
        assertThat(client.listSchedules(r -> r.groupName("shiplane")).schedules()).isEmpty();
    }

    @Test
    void alarmReaderReportsStatesAndLeavesMissingAlarmsOut() {
        world.alarm("web-5xx");
        world.alarm("web-p99-latency");
        world.setAlarm("web-5xx", "ALARM", "5xx > 5%");

        var snapshot = new CloudWatchAlarmReader(aws.build(CloudWatchClient.builder()))
                .read(List.of("web-5xx", "web-p99-latency", "web-ghost"));

        assertThat(snapshot.states()).containsEntry("web-5xx", "ALARM").containsEntry("web-p99-latency", "OK")
                .doesNotContainKey("web-ghost");
        assertThat(snapshot.failure()).isEqualTo("web-5xx in ALARM, web-ghost missing");
    }

    @Test
    void idleColourRollsAtTheLiveColoursSize_andScalesToZero() {
        var rollouts = new EcsServiceRollouts(aws.ecs());
        var td = aws.ecs().describeServices(r -> r.cluster("monynha-prod").services("web-blue")).services().getFirst()
                .taskDefinition();

        int size = rollouts.desiredCount("monynha-prod", "web-blue");
        var ecsId = rollouts.roll("monynha-prod", "web-green", td, size);
        rollouts.scale("monynha-prod", "web-blue", 0);

        var services = aws.ecs().describeServices(r -> r.cluster("monynha-prod").services("web-blue", "web-green"))
                .services();
        assertThat(size).isEqualTo(3);
        assertThat(ecsId).isNotBlank();
        assertThat(services).extracting(s -> s.serviceName() + "=" + s.desiredCount())
                .containsExactlyInAnyOrder("web-blue=0", "web-green=3");
    }
}
