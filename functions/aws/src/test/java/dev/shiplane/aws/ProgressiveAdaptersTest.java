package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.testkit.BlueGreenWorld;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The two colours of a progressive service sized on the emulator's ECS. The router, scheduler and alarm reader keep
 * their port contracts ({@link AlbWeightedTrafficRouterTest}, {@link EventBridgeOneShotSchedulerTest},
 * {@link CloudWatchAlarmReaderTest}).
 */
@ExtendWith(EmulatorExtension.class)
class ProgressiveAdaptersTest {

    TestAws aws;
    BlueGreenWorld world;

    @BeforeEach
    void world(TestAws aws) {
        this.aws = aws;
        world = new BlueGreenWorld(aws);
        var listener = world.loadBalancer("monynha-prod");
        world.progressiveService(listener, 20, "monynha-prod", "api", "monynha/api:1.0.0", 2);
        world.progressiveService(listener, 10, "monynha-prod", "web", "monynha/web:1.0.0", 3);
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
