package dev.shiplane.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.config.Engine;
import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.events.DeploymentRolledBack;
import dev.shiplane.core.events.DeploymentStarted;
import dev.shiplane.core.events.DeploymentSucceeded;
import dev.shiplane.core.events.RedeployRequested;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.fakes.Delivery;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.KnownGood;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedeployServiceTest {

    static final ShiplaneConfig CONFIG = new ShiplaneConfig(
            List.of(new EnvironmentSpec("prod", "monynha-prod", new TagPolicy(new TagMatcher.AnyTag(), false, false))),
            List.of(new ServiceSpec("api", List.of("monynha/api"), "api", "api", Strategy.ROLLING, List.of(),
                    List.of("prod"))));

    final Delivery d = new Delivery(CONFIG);
    final RedeployService redeploys = new RedeployService(CONFIG, d.ecs, d.ecs, d.ledger, d.bus, d.clock,
            Duration.ofSeconds(120));

    RedeployRequested request(String id) {
        return new RedeployRequested("prod", "api", id, "rotation:db-password", "db-password rotated", d.clock.instant());
    }

    @Test
    void redeployRestartsOnTheSameRevision_throughTheLedger_andCompletesLikeADeployment() {
        d.ecs.service("monynha-prod", "api", "arn:td/monynha-prod-api:7", 2).image("arn:td/monynha-prod-api:7", "api",
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/api:2.0.0");

        var result = redeploys.redeploy(request("r-1"));

        assertThat(result).isInstanceOfSatisfying(RequestedDeployOutcome.Restarted.class,
                r -> assertThat(r.ecsService()).isEqualTo("api"));
        assertThat(d.ecs.rollouts()).containsExactly("monynha-prod/api=arn:td/monynha-prod-api:7");
        var started = d.bus.published(DeploymentStarted.class).getFirst();
        assertThat(started.strategy()).isEqualTo("redeploy");
        assertThat(started.fromTaskDefinition()).isEqualTo(started.toTaskDefinition());
        // shiplane did not register :7: its image is read from the task definition, not left unknown
        assertThat(started.image().repository() + ":" + started.image().tag()).isEqualTo("monynha/api:2.0.0");

        var state = d.ledger.serviceState("prod", "api");
        d.completions.onEcsDeploymentEvent(new EcsDeploymentEvent("c", "monynha-prod", "api",
                state.activeEcsDeploymentId(), EcsDeploymentEvent.COMPLETED, null, d.clock.instant()));
        assertThat(d.bus.published(DeploymentSucceeded.class)).hasSize(1);

        assertThat(redeploys.redeploy(request("r-1")))
                .isEqualTo(new RequestedDeployOutcome.Skipped(SkipReason.DUPLICATE));
        assertThat(d.ecs.rollouts()).hasSize(1);
    }

    @Test
    void restartRefusedByEcs_givesTheLeaseBack_soTheNextRequestRestartsAtOnce() {
        d.ecs.service("monynha-prod", "api", "arn:td/monynha-prod-api:7", 2).image("arn:td/monynha-prod-api:7", "api",
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/api:2.0.0");
        d.ecs.failNextRollouts(1);

        assertThatThrownBy(() -> redeploys.redeploy(request("r-2"))).hasMessageContaining("throttled")
                .satisfies(failure -> assertThat(failure.getSuppressed()).isEmpty());
        assertThat(d.ledger.serviceState("prod", "api").leaseOwner()).as("lease given back").isNull();

        assertThat(redeploys.redeploy(request("r-3"))).isInstanceOf(RequestedDeployOutcome.Restarted.class);
    }

    @Test
    void restartRefusedByEcs_isCarriedOutByTheRetryOfTheSameRequest_once() {
        d.ecs.service("monynha-prod", "api", "arn:td/monynha-prod-api:7", 2).image("arn:td/monynha-prod-api:7", "api",
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/api:2.0.0");
        d.ecs.failNextRollouts(1);

        assertThatThrownBy(() -> redeploys.redeploy(request("r-4"))).hasMessageContaining("throttled");
        assertThat(d.ecs.rollouts()).isEmpty();

        assertThat(redeploys.redeploy(request("r-4"))).as("the event's redelivery")
                .isInstanceOf(RequestedDeployOutcome.Restarted.class);
        assertThat(d.ecs.rollouts()).containsExactly("monynha-prod/api=arn:td/monynha-prod-api:7");
        assertThat(redeploys.redeploy(request("r-4"))).as("and only once")
                .isEqualTo(new RequestedDeployOutcome.Skipped(SkipReason.DUPLICATE));
        assertThat(d.ecs.rollouts()).hasSize(1);
    }

    @Test
    void aRestartEcsRollsBack_quarantinesNothing_theRunningImageStaysDeployable() {
        var config = new ShiplaneConfig(CONFIG.environments(), List.of(new ServiceSpec("web", List.of("monynha/web"),
                "web", "web", Strategy.ROLLING, List.of(), List.of("prod"), null, null, List.of(), Engine.ECS)));
        var world = new Delivery(config);
        var restarts = new RedeployService(config, world.ecs, world.ecs, world.ledger, world.bus, world.clock,
                Duration.ofSeconds(120));
        world.ecs.service("monynha-prod", "web", "arn:td/monynha-prod-web:3", 2).image("arn:td/monynha-prod-web:3",
                "web", "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/web@sha256:" + "b".repeat(64));
        restarts.redeploy(new RedeployRequested("prod", "web", "r-9", "rotation:db-password", "db-password rotated",
                world.clock.instant()));

        var state = world.ledger.serviceState("prod", "web");
        world.completions.onEcsDeploymentEvent(new EcsDeploymentEvent("c", "monynha-prod", "web",
                state.activeEcsDeploymentId(), EcsDeploymentEvent.FAILED, "circuit breaker", world.clock.instant()));

        assertThat(world.ledger.serviceState("prod", "web").quarantined()).as("the running image is not quarantined")
                .isEmpty();
    }

    @Test
    void aFailedRestartIsRolledBackToTheRevisionItRestarted_notToTheOlderRelease() {
        var running = "arn:td/monynha-prod-api:7";
        var older = "arn:td/monynha-prod-api:5";
        d.ecs.service("monynha-prod", "api", running, 2).image(running, "api",
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/api:2.0.0");
        var at = d.clock.instant();
        d.ledger.commit(List.of(), ServiceState.initial("prod", "api")
                .withKnownGood(new KnownGood("d-5", older, "sha256:" + "5".repeat(64), at))
                .withKnownGood(new KnownGood("d-7", running, "sha256:" + "7".repeat(64), at)).nextUnleased(), 0);
        redeploys.redeploy(request("r-5"));
        var restart = d.ledger.serviceState("prod", "api");

        d.rollbacks.onEcsFailure("f", "monynha-prod", "api", restart.activeEcsDeploymentId(), "circuit breaker");

        var rolledBack = d.bus.published(DeploymentRolledBack.class).getFirst();
        assertThat(rolledBack.restoredTaskDefinition()).as("the same release, not %s", older).isEqualTo(running);
        assertThat(d.ecs.taskDefinitionOf("monynha-prod", "api")).isEqualTo(running);
        var after = d.ledger.serviceState("prod", "api");
        assertThat(after.stableTaskDefinition()).as("the ledger agrees with ECS").isEqualTo(running);
        assertThat(d.ledger.deployment("prod", "api", restart.activeDeploymentId()).orElseThrow().status())
                .isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(after.quarantined()).isEmpty();
    }
}
