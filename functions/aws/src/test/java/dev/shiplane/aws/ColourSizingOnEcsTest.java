package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.config.Approval;
import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.LiveTaskCounts;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.fakes.FakeRouter;
import dev.shiplane.core.fakes.FakeScheduler;
import dev.shiplane.core.fakes.InMemoryLedger;
import dev.shiplane.core.fakes.MutableClock;
import dev.shiplane.core.fakes.RecordingBus;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import dev.shiplane.core.rollout.RolloutExecutor;
import dev.shiplane.core.rollout.RolloutStarter;
import dev.shiplane.core.settings.SettingsChange;
import dev.shiplane.core.settings.SettingsChangeService;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The template sets no desired count, so CloudFormation creates each colour with one task: once the stack has settled,
 * the live colour takes the count its platform configures and the idle colour none (against moto's ECS).
 */
@ExtendWith(EmulatorExtension.class)
class ColourSizingOnEcsTest {

    static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/api@sha256:" + "a".repeat(64);

    EcsClient ecs;
    SettingsChangeService settingsChanges;

    @BeforeEach
    void world(TestAws aws) {
        ecs = aws.ecs();
        aws.ecsService("monynha-prod", "api-blue", "api", IMAGE);
        aws.ecsService("monynha-prod", "api-green", "api", IMAGE);
        ecs.updateService(r -> r.cluster("monynha-prod").service("api-blue").desiredCount(1));
        ecs.updateService(r -> r.cluster("monynha-prod").service("api-green").desiredCount(1));
        var env = new EnvironmentSpec("prod", "monynha-prod", new TagPolicy(new TagMatcher.AnyTag(), false, false),
                null, null, null, null, Approval.NONE);
        var api = new ServiceSpec("api", List.of("monynha/api"), "api", "api", Strategy.CANARY, List.of(),
                List.of("prod"), null, null);
        var config = new ShiplaneConfig(List.of(env), List.of(api), null,
                Map.of("prod", new LiveTaskCounts(Map.of("api", 3), LiveTaskCounts.DEFAULT)));
        var rollouts = new EcsServiceRollouts(ecs, new EcsNativeDeploymentConfiguration(
                "arn:aws:lambda:us-east-1:123456789012:function:shiplane-hooks:live",
                "arn:aws:iam::123456789012:role/hooks"));
        var clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
        var bus = new RecordingBus();
        var executor = new RolloutExecutor(new FakeRouter(), rollouts, new FakeScheduler(), bus);
        settingsChanges = new SettingsChangeService(config, new EcsTaskDefinitions(ecs),
                new EcsSettingsTaskDefinitions(ecs), new RolloutStarter(rollouts, new FakeRouter(), executor, clock),
                executor, new InMemoryLedger(), bus, clock, Duration.ofSeconds(120), rollouts);
    }

    int desiredCount(String service) {
        return ecs.describeServices(r -> r.cluster("monynha-prod").services(service)).services().getFirst()
                .desiredCount();
    }

    @Test
    void theLiveColourTakesItsConfiguredCount_andTheIdleOneNone_once() {
        var changes = settingsChanges.onStackUpdated("stack-event-1");

        assertThat(changes).filteredOn(c -> c instanceof SettingsChange.Resized).containsExactly(
                new SettingsChange.Resized("prod", "api", "api-blue", 1, 3),
                new SettingsChange.Resized("prod", "api", "api-green", 1, 0));
        assertThat(desiredCount("api-blue")).isEqualTo(3);
        assertThat(desiredCount("api-green")).isZero();
        assertThat(settingsChanges.onStackUpdated("stack-event-2"))
                .noneMatch(c -> c instanceof SettingsChange.Resized);
    }
}
