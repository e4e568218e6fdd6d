package dev.shiplane.core.ecsengine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.config.Approval;
import dev.shiplane.core.config.Engine;
import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.config.TrafficPlan;
import dev.shiplane.core.deploy.DeployResult;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.deploy.EcsDeploymentEvent;
import dev.shiplane.core.deploy.TargetOutcome;
import dev.shiplane.core.rollback.RollbackOutcome;
import dev.shiplane.core.events.DeploymentRolledBack;
import dev.shiplane.core.events.DeploymentStarted;
import dev.shiplane.core.events.DeploymentSucceeded;
import dev.shiplane.core.fakes.Delivery;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A service on ECS's engine, from push to ECS's report: one revision, one update carrying its settings. */
public class NativeDeploymentTest {

    static final String HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
    static final String PROD_TD = "arn:aws:ecs:us-east-1:123456789012:task-definition/monynha-prod-web:1";
    static final TagPolicy ANY = new TagPolicy(new TagMatcher.AnyTag(), false, false);

    public static ShiplaneConfig config(Approval approval) {
        return new ShiplaneConfig(
                List.of(new EnvironmentSpec("prod", "monynha-prod", ANY, null, null, null, null, approval)),
                List.of(new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.CANARY,
                        List.of("{env}-web-5xx"), List.of("prod"), new TrafficPlan(List.of(10, 100),
                        Duration.ofMinutes(5)), null, List.of(), Engine.ECS)));
    }

    final Delivery delivery = new Delivery(config(new Approval(true, Duration.ofHours(1))));

    NativeDeploymentTest() {
        delivery.ecs.service("monynha-prod", "web", PROD_TD);
    }

    ImagePush push(String id, char digit) {
        return new ImagePush(id, Registry.ECR, HOST, "monynha/web", "1.4." + digit,
                "sha256:" + String.valueOf(digit).repeat(64), delivery.clock.instant().minusSeconds(3));
    }

    @Test
    void push_registersOneRevisionAndUpdatesTheServiceWithItsNativeSettings() {
        var outcomes = delivery.deploys.deploy(push("p1", '2'));

        assertThat(outcomes).extracting(TargetOutcome::result).containsExactly(new DeployResult.Started());
        assertThat(delivery.ecs.registrations()).hasSize(1);
        assertThat(delivery.ecs.rollouts()).containsExactly("monynha-prod/web=" + delivery.ecs.registrations()
                .getFirst().arn());
        var target = delivery.config.target("prod", "web").orElseThrow();
        assertThat(delivery.ecs.nativeSettingsOf("monynha-prod", "web"))
                .isEqualTo(NativeDeploymentSettings.of(target))
                .satisfies(s -> assertThat(s.hooks()).hasSize(2));
        assertThat(delivery.bus.published(DeploymentStarted.class)).singleElement()
                .satisfies(s -> assertThat(s.ecsService()).isEqualTo("web"));
    }

    @Test
    void ecsCompleted_succeedsTheDeployment() {
        delivery.deploys.deploy(push("p1", '2'));
        var ecsId = delivery.ledger.serviceState("prod", "web").activeEcsDeploymentId();

        delivery.completions.onEcsDeploymentEvent(new EcsDeploymentEvent("e1", "monynha-prod", "web", ecsId,
                EcsDeploymentEvent.COMPLETED, null, delivery.clock.instant()));

        assertThat(delivery.bus.published(DeploymentSucceeded.class)).hasSize(1);
        assertThat(delivery.ledger.serviceState("prod", "web").stableTaskDefinition())
                .isEqualTo(delivery.ecs.registrations().getFirst().arn());
    }

    @Test
    void ecsFailed_isARollbackEcsAlreadyMade_announcedWithItsReasonAndTheImageQuarantined() {
        delivery.deploys.deploy(push("p1", '2'));
        var state = delivery.ledger.serviceState("prod", "web");
        var rollouts = delivery.ecs.rollouts().size();

        delivery.completions.onEcsDeploymentEvent(new EcsDeploymentEvent("e1", "monynha-prod", "web",
                state.activeEcsDeploymentId(), EcsDeploymentEvent.FAILED,
                "Service deployment rolled back because alarm prod-web-5xx went into ALARM",
                delivery.clock.instant()));

        var rolledBack = delivery.bus.published(DeploymentRolledBack.class);
        assertThat(rolledBack).singleElement().satisfies(r -> {
            assertThat(r.trigger()).isEqualTo("ecs-failure");
            assertThat(r.reason()).contains("prod-web-5xx");
            assertThat(r.restoredTaskDefinition()).isEqualTo(PROD_TD);
        });
        var deployment = delivery.ledger.deployment("prod", "web", state.activeDeploymentId()).orElseThrow();
        assertThat(deployment.status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(delivery.ledger.serviceState("prod", "web").quarantined()).containsExactly("sha256:" + "2".repeat(64));
        assertThat(delivery.ecs.rollouts()).as("ECS rolled back itself: no update from shiplane").hasSize(rollouts);

        delivery.completions.onEcsDeploymentEvent(new EcsDeploymentEvent("e1", "monynha-prod", "web",
                state.activeEcsDeploymentId(), EcsDeploymentEvent.FAILED, "again", delivery.clock.instant()));
        assertThat(delivery.bus.published(DeploymentRolledBack.class)).as("redelivery").hasSize(1);
    }

    @Test
    void ecsFailureSeenByTheRollbackFunction_isLeftToEcs() {
        delivery.deploys.deploy(push("p1", '2'));
        var state = delivery.ledger.serviceState("prod", "web");

        var result = delivery.rollbacks.onEcsFailure("e1", "monynha-prod", "web", state.activeEcsDeploymentId(),
                "rolled back");

        assertThat(result).isInstanceOf(RollbackOutcome.Ignored.class);
        assertThat(delivery.ecs.rollouts()).hasSize(1);
    }

    @Test
    void alarmAfterEcsFinished_restoresTheKnownGoodRevisionThroughEcsEngineWithTheSameSettings() {
        delivery.deploys.deploy(push("p1", '2'));
        var ecsId = delivery.ledger.serviceState("prod", "web").activeEcsDeploymentId();
        delivery.completions.onEcsDeploymentEvent(new EcsDeploymentEvent("e1", "monynha-prod", "web", ecsId,
                EcsDeploymentEvent.COMPLETED, null, delivery.clock.instant()));

        var result = delivery.rollbacks.onAlarm("e2", "prod-web-5xx", "Threshold Crossed");

        assertThat(result).isEqualTo(new RollbackOutcome.PerService(List.of(
                new RollbackOutcome.ServiceRollback("prod", "web", new RollbackOutcome.Restored(PROD_TD)))));
        assertThat(delivery.ecs.rollouts()).last().isEqualTo("monynha-prod/web=" + PROD_TD);
        var target = delivery.config.target("prod", "web").orElseThrow();
        assertThat(delivery.ecs.nativeSettingsOf("monynha-prod", "web")).isEqualTo(NativeDeploymentSettings.of(target));
        var head = delivery.ledger.serviceState("prod", "web");
        var rolledBack = delivery.ledger.deployment("prod", "web", head.activeDeploymentId()).orElseThrow();
        assertThat(ShiplaneRevisions.startedByShiplane(head, java.util.Optional.of(rolledBack), PROD_TD))
                .as("the hooks let shiplane's rollback pass").isTrue();
    }
}
