package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.config.Approval;
import dev.shiplane.core.config.Engine;
import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.config.TrafficPlan;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.events.DeploymentStarted;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;

/**
 * A stack update changed a service's container settings: the service gets a revision of its own family with the new
 * settings and the image it ran, through ECS's engine; the same event again changes nothing.
 */
@ExtendWith(EmulatorExtension.class)
class SettingsChangeOnEcsTest {

    static final String RUNNING_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/web@sha256:"
            + "e".repeat(64);
    static final String HOOKS = "arn:aws:lambda:us-east-1:123456789012:function:shiplane-hooks:live";

    EcsClient ecs;
    RecordingBus bus = new RecordingBus();
    InMemoryLedger ledger = new InMemoryLedger();
    SettingsChangeService settingsChanges;
    /** The same stack update, read by the delivery stack of another account (it serves staging, not prod). */
    SettingsChangeService otherAccountsChanges;
    String running;

    @BeforeEach
    void world(TestAws aws) {
        ecs = aws.ecs();
        running = aws.ecsService("monynha-prod", "web", "web", RUNNING_IMAGE);
        var config = new ShiplaneConfig(
                List.of(new EnvironmentSpec("prod", "monynha-prod", new TagPolicy(new TagMatcher.AnyTag(), false,
                        false), null, null, null, null, Approval.NONE)),
                List.of(new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.BLUE_GREEN, List.of(),
                        List.of("prod"), TrafficPlan.allAtOnce(Duration.ofMinutes(10)), null, List.of(),
                        Engine.ECS)));
        var rollouts = new EcsServiceRollouts(ecs, new EcsNativeDeploymentConfiguration(HOOKS,
                "arn:aws:iam::123456789012:role/hooks"));
        var clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
        var executor = new RolloutExecutor(new FakeRouter(), rollouts, new FakeScheduler(), bus);
        settingsChanges = new SettingsChangeService(config, new EcsTaskDefinitions(ecs),
                new EcsSettingsTaskDefinitions(ecs), new RolloutStarter(rollouts, new FakeRouter(), executor, clock),
                executor, ledger, bus, clock, Duration.ofSeconds(120), rollouts);
        otherAccountsChanges = new SettingsChangeService(
                config.servedOnly(dev.shiplane.core.config.ServedEnvironments.parse("staging")),
                new EcsTaskDefinitions(ecs), new EcsSettingsTaskDefinitions(ecs),
                new RolloutStarter(rollouts, new FakeRouter(), executor, clock), executor, ledger, bus, clock,
                Duration.ofSeconds(120), rollouts);
    }

    void stackDeclaresSettings(String logLevel) {
        ecs.registerTaskDefinition(r -> r.family("shiplane-settings-prod-web")
                .cpu("512").memory("1024").requiresCompatibilities(software.amazon.awssdk.services.ecs.model.Compatibility.FARGATE)
                .networkMode(software.amazon.awssdk.services.ecs.model.NetworkMode.AWSVPC)
                .containerDefinitions(ContainerDefinition.builder().name("web").image("bootstrap").essential(true)
                        .cpu(512).memory(1024)
                        .environment(KeyValuePair.builder().name("LOG_LEVEL").value(logLevel).build()).build()));
    }

    @Test
    void anotherAccountsStack_leavesTheServiceAlone_itsClusterIsNotThere() {
        stackDeclaresSettings("debug");

        var changes = otherAccountsChanges.onStackUpdated("cfn-1");

        assertThat(changes).isEmpty();
        var service = ecs.describeServices(r -> r.cluster("monynha-prod").services("web")).services().getFirst();
        assertThat(service.taskDefinition()).isEqualTo(running);
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void newSettings_reachTheServiceWithTheImageItRan_throughEcsEngine() {
        stackDeclaresSettings("debug");

        var changes = settingsChanges.onStackUpdated("cfn-1");

        assertThat(changes).singleElement().isInstanceOf(SettingsChange.Applied.class);
        var service = ecs.describeServices(r -> r.cluster("monynha-prod").services("web")).services().getFirst();
        var td = ecs.describeTaskDefinition(r -> r.taskDefinition(service.taskDefinition())).taskDefinition();
        assertThat(td.family()).as("the service's own family").isEqualTo("monynha-prod-web");
        var web = td.containerDefinitions().getFirst();
        assertThat(web.image()).isEqualTo(RUNNING_IMAGE);
        assertThat(web.environment()).containsExactly(KeyValuePair.builder().name("LOG_LEVEL").value("debug").build());
        assertThat(td.cpu()).isEqualTo("512");
        assertThat(service.deploymentConfiguration().strategyAsString()).isEqualTo("BLUE_GREEN");
        assertThat(service.deploymentConfiguration().lifecycleHooks()).isNotEmpty();
        var deployment = ledger.deployment("prod", "web", ledger.serviceState("prod", "web").activeDeploymentId())
                .orElseThrow();
        assertThat(deployment.status()).isEqualTo(DeploymentStatus.STARTED);
        assertThat(deployment.fromTaskDefinition()).isEqualTo(running);
        assertThat(bus.published(DeploymentStarted.class)).singleElement()
                .satisfies(s -> assertThat(s.strategy()).isEqualTo("settings"));
    }

    @Test
    void theSameStackEventAgain_orAnUpdateThatLeftTheSettings_changesNothing() {
        stackDeclaresSettings("debug");
        settingsChanges.onStackUpdated("cfn-1");
        var after = ecs.describeServices(r -> r.cluster("monynha-prod").services("web")).services().getFirst()
                .taskDefinition();

        var again = settingsChanges.onStackUpdated("cfn-1");
        var next = settingsChanges.onStackUpdated("cfn-2");

        assertThat(again).singleElement().isInstanceOf(SettingsChange.Unchanged.class);
        assertThat(next).singleElement().isInstanceOf(SettingsChange.Unchanged.class);
        assertThat(ecs.describeServices(r -> r.cluster("monynha-prod").services("web")).services().getFirst()
                .taskDefinition()).isEqualTo(after);
    }

    @Test
    void aDeploymentUnderWay_keepsTheSettingsWaiting_andTheEventIsDeliveredAgain() {
        stackDeclaresSettings("debug");
        var at = Instant.parse("2026-11-01T09:59:00Z");
        var underWay = new dev.shiplane.core.ledger.Deployment("d-1", "prod", "web", "p-1",
                new dev.shiplane.core.image.ImageRef("ecr", "monynha/web", "1.4.2", "sha256:" + "e".repeat(64),
                        RUNNING_IMAGE), DeploymentStatus.STARTED, DeploymentStatus.STARTED, "td:0", running,
                "ecs-svc/1", at, at, at, null);
        ledger.commit(List.of(underWay), dev.shiplane.core.ledger.ServiceState.initial("prod", "web")
                .activated("d-1", "ecs-svc/1"), 0);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> settingsChanges.onStackUpdated("cfn-1"))
                .isInstanceOf(dev.shiplane.core.ledger.ServiceBusyException.class).hasMessageContaining("d-1");
        assertThat(ecs.describeServices(r -> r.cluster("monynha-prod").services("web")).services().getFirst()
                .taskDefinition()).isEqualTo(running);
    }

    @Test
    void aServiceWhoseStackDeclaresNoSettings_isLeftAlone() {
        assertThat(settingsChanges.onStackUpdated("cfn-1")).singleElement()
                .isInstanceOf(SettingsChange.NoSettings.class);
        assertThat(ecs.describeServices(r -> r.cluster("monynha-prod").services("web")).services().getFirst()
                .taskDefinition()).isEqualTo(running);
    }
}
