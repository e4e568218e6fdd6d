package dev.shiplane.core.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.config.TrafficPlan;
import dev.shiplane.core.deploy.CompletionOutcome;
import dev.shiplane.core.deploy.DeployResult;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.deploy.EcsDeploymentEvent;
import dev.shiplane.core.deploy.TargetOutcome;
import dev.shiplane.core.events.DeploymentRolledBack;
import dev.shiplane.core.events.DeploymentVerified;
import dev.shiplane.core.events.RollbackFailed;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.events.VerificationDue;
import dev.shiplane.core.fakes.Delivery;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import dev.shiplane.core.canary.RolloutOutcome;
import dev.shiplane.core.canary.StepSchedules;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rollback flows on fakes: alarm, ECS failure and operator triggers, known-good selection, quarantine. */
class RollbackServiceTest {

    static final TagPolicy ANY = new TagPolicy(new TagMatcher.AnyTag(), false, false);
    static final ShiplaneConfig CONFIG = new ShiplaneConfig(
            List.of(new EnvironmentSpec("prod", "monynha-prod", ANY)),
            List.of(new ServiceSpec("docs", List.of("monynha/docs"), "docs", "docs", Strategy.ROLLING,
                            List.of("{env}-docs-5xx"), List.of("prod"), TrafficPlan.allAtOnce(Duration.ofMinutes(5)), null),
                    new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.CANARY,
                            List.of("{env}-web-5xx"), List.of("prod"), null, null),
                    new ServiceSpec("api", List.of("monynha/api"), "api", "api", Strategy.ROLLING, List.of(),
                            List.of("prod"))));

    final Delivery d = new Delivery(CONFIG);
    static final String BASE = "arn:td/monynha-prod-docs:1";

    @BeforeEach
    void world() {
        d.ecs.service("monynha-prod", "docs", BASE, 2);
        d.ecs.service("monynha-prod", "api", "arn:td/monynha-prod-api:1", 2);
        d.ecs.service("monynha-prod", "web-blue", "arn:td/monynha-prod-web:1", 3);
        d.ecs.service("monynha-prod", "web-green", "arn:td/monynha-prod-web:1", 0);
        d.alarms.set("prod-docs-5xx", "OK").set("prod-web-5xx", "OK");
    }

    ImagePush push(String id, String repo, char digit) {
        return new ImagePush(id, Registry.ECR, "123456789012.dkr.ecr.us-east-1.amazonaws.com", repo, "1.0." + digit,
                "sha256:" + String.valueOf(digit).repeat(64), d.clock.instant());
    }

    /** Deploys docs, lets ECS complete it, and optionally lets its bake pass (verification). */
    String deployDocs(String id, char digit, boolean verify) {
        d.clock.advance(Duration.ofSeconds(10));
        d.deploys.deploy(push(id, "monynha/docs", digit));
        var state = d.ledger.serviceState("prod", "docs");
        d.completions.onEcsDeploymentEvent(new EcsDeploymentEvent("c-" + id, "monynha-prod", "docs",
                state.activeEcsDeploymentId(), EcsDeploymentEvent.COMPLETED, null, d.clock.instant()));
        var verification = (VerificationDue) d.scheduler.fire(StepSchedules.verification(state.activeDeploymentId()));
        if (verify) d.verifications.onDue(verification);
        return state.activeDeploymentId();
    }

    @Test
    void alarmInTheBake_restoresTheLastVerifiedRevision_andQuarantinesTheDigest() {
        deployDocs("p1", '1', true);
        var goodTd = d.ecs.taskDefinitionOf("monynha-prod", "docs");
        var bad = deployDocs("p2", '2', false);

        var result = d.rollbacks.onAlarm("a1", "prod-docs-5xx", "Threshold Crossed: 12 > 5");

        assertThat(perService(result)).containsExactly(new RollbackOutcome.Restored(goodTd));
        assertThat(d.ecs.taskDefinitionOf("monynha-prod", "docs")).isEqualTo(goodTd);
        assertThat(d.bus.published(DeploymentRolledBack.class)).singleElement().satisfies(e -> {
            assertThat(e.trigger()).isEqualTo("alarm");
            assertThat(e.reason()).isEqualTo("prod-docs-5xx: Threshold Crossed: 12 > 5");
            assertThat(e.restoredTaskDefinition()).isEqualTo(goodTd);
        });
        assertThat(d.ledger.deployment("prod", "docs", bad)).get().extracting(x -> x.status())
                .isEqualTo(DeploymentStatus.ROLLED_BACK);

        // flapping ALARM → OK → ALARM, and the same event again: one rollback
        assertThat(perService(d.rollbacks.onAlarm("a2", "prod-docs-5xx", "again")))
                .allMatch(o -> o instanceof RollbackOutcome.Ignored);
        assertThat(perService(d.rollbacks.onAlarm("a1", "prod-docs-5xx", "again")))
                .allMatch(o -> o instanceof RollbackOutcome.Ignored);
        assertThat(d.bus.published(DeploymentRolledBack.class)).hasSize(1);

        // the rolled-back digest does not come back automatically
        var again = d.deploys.deploy(push("p3", "monynha/docs", '2'));
        assertThat(again).extracting(TargetOutcome::result).containsExactly(
                new DeployResult.Skipped(SkipReason.QUARANTINED));
    }

    @Test
    void verificationMakesARevisionKnownGood_andAnAlarmAfterItDoesNotRollBack() {
        var id = deployDocs("p1", '1', true);

        assertThat(d.bus.published(DeploymentVerified.class)).singleElement()
                .extracting(DeploymentVerified::deploymentId).isEqualTo(id);
        assertThat(perService(d.rollbacks.onAlarm("a1", "prod-docs-5xx", "later"))).singleElement()
                .isInstanceOfSatisfying(RollbackOutcome.Ignored.class, i -> assertThat(i.why()).contains("verified"));
        assertThat(d.bus.published(DeploymentRolledBack.class)).isEmpty();
    }

    @Test
    void ecsFailure_restoresTheRevisionRunningBeforeShiplane() {
        d.deploys.deploy(push("p1", "monynha/docs", '1'));
        var state = d.ledger.serviceState("prod", "docs");

        var result = d.rollbacks.onEcsFailure("f1", "monynha-prod", "docs", state.activeEcsDeploymentId(),
                "ECS deployment circuit breaker: tasks failed to start.");

        assertThat(result).isEqualTo(new RollbackOutcome.Restored(BASE));
        assertThat(d.ecs.taskDefinitionOf("monynha-prod", "docs")).isEqualTo(BASE);
        assertThat(d.bus.published(DeploymentRolledBack.class)).singleElement()
                .extracting(DeploymentRolledBack::trigger).isEqualTo("ecs-failure");
        // ECS then reports the rolled-back service complete: recognised, nothing else happens
        var after = d.ledger.serviceState("prod", "docs");
        assertThat(d.completions.onEcsDeploymentEvent(new EcsDeploymentEvent("c1", "monynha-prod", "docs",
                after.activeEcsDeploymentId(), EcsDeploymentEvent.COMPLETED, null, d.clock.instant())))
                .isInstanceOf(CompletionOutcome.Ignored.class);
    }

    @Test
    void alarmDuringCanary_restoresStableWeightFirst() {
        d.deploys.deploy(push("p1", "monynha/web", '1'));
        var state = d.ledger.serviceState("prod", "web");
        d.completions.onEcsDeploymentEvent(new EcsDeploymentEvent("c1", "monynha-prod", "web-green",
                state.rollout().canaryEcsDeploymentId(), EcsDeploymentEvent.COMPLETED, null, d.clock.instant()));
        assertThat(d.router.weights()).isEqualTo("blue=90 green=10");

        var result = d.rollbacks.onAlarm("a1", "prod-web-5xx", "5xx rate 12%");

        assertThat(perService(result)).singleElement().isInstanceOfSatisfying(RollbackOutcome.ByRollout.class,
                r -> assertThat(r.outcome()).isInstanceOf(RolloutOutcome.RolledBack.class));
        assertThat(d.router.weights()).isEqualTo("blue=100 green=0");
        assertThat(d.ecs.desiredCountOf("monynha-prod", "web-green")).isZero();
        assertThat(d.ledger.serviceState("prod", "web").quarantined()).containsExactly("sha256:" + "1".repeat(64));
    }

    @Test
    void awsFailurePartWayThroughARollback_failsTheEventSoItsRetryFinishesIt() {
        d.deploys.deploy(push("p1", "monynha/web", '1'));
        var state = d.ledger.serviceState("prod", "web");
        d.completions.onEcsDeploymentEvent(new EcsDeploymentEvent("c1", "monynha-prod", "web-green",
                state.rollout().canaryEcsDeploymentId(), EcsDeploymentEvent.COMPLETED, null, d.clock.instant()));
        d.router.failNext(1);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.rollbacks.onAlarm("a1", "prod-web-5xx", "5xx"))
                .as("swallowed, the failure would leave traffic split and no retry to finish the rollback")
                .isInstanceOf(RuntimeException.class);
        assertThat(d.bus.published(RollbackFailed.class)).isEmpty();

        d.rollbacks.onAlarm("a1", "prod-web-5xx", "5xx"); // Lambda delivers the same event again
        assertThat(d.router.weights()).isEqualTo("blue=100 green=0");
        assertThat(d.ecs.desiredCountOf("monynha-prod", "web-green")).isZero();
        assertThat(d.ledger.serviceState("prod", "web").pending()).isEmpty();
        assertThat(d.bus.published(DeploymentRolledBack.class)).hasSize(1);
    }

    @Test
    void emergencyRollbackOfAnEnvironment_oneFailureDoesNotStopTheOthers() {
        deployDocs("p1", '1', true);
        deployDocs("p2", '2', true);

        var result = d.rollbacks.onRequest("r1", "prod", null, "arn:aws:iam::123456789012:user/ops", "incident 42");

        assertThat(((RollbackOutcome.PerService) result).services())
                .extracting(s -> s.service() + " " + s.outcome().getClass().getSimpleName())
                .containsExactlyInAnyOrder("docs Restored", "web Failed", "api Failed");
        assertThat(d.bus.published(RollbackFailed.class)).extracting(RollbackFailed::service)
                .containsExactlyInAnyOrder("web", "api");
        assertThat(d.bus.published(DeploymentRolledBack.class)).singleElement().satisfies(e -> {
            assertThat(e.trigger()).isEqualTo("manual");
            assertThat(e.reason()).isEqualTo("incident 42");
        });
    }

    /** What each service the trigger reached came to, in configuration order. */
    static List<RollbackOutcome> perService(RollbackOutcome outcome) {
        assertThat(outcome).isInstanceOf(RollbackOutcome.PerService.class);
        return ((RollbackOutcome.PerService) outcome).services().stream()
                .map(RollbackOutcome.ServiceRollback::outcome).toList();
    }
}
