package dev.shiplane.core.rollout;

import dev.shiplane.core.canary.Colour;
import dev.shiplane.core.canary.RolloutOutcome;
import dev.shiplane.core.canary.RolloutPhase;
import dev.shiplane.core.canary.Signal;
import dev.shiplane.core.canary.StepSchedules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.config.TrafficPlan;
import dev.shiplane.core.deploy.CompletionOutcome;
import dev.shiplane.core.deploy.DeployResult;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.deploy.EcsDeploymentEvent;
import dev.shiplane.core.ledger.ServiceBusyException;
import dev.shiplane.core.deploy.TargetOutcome;
import dev.shiplane.core.events.CanaryStepDue;
import dev.shiplane.core.events.DeploymentAborted;
import dev.shiplane.core.events.DeploymentRolledBack;
import dev.shiplane.core.events.DeploymentSkipped;
import dev.shiplane.core.events.DeploymentStarted;
import dev.shiplane.core.events.DeploymentSucceeded;
import dev.shiplane.core.events.PromotionDue;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.events.TrafficShifted;
import dev.shiplane.core.fakes.Delivery;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Progressive delivery end to end on fakes: deploy → healthy → steps → promote, and every way it stops. */
class RolloutServiceTest {

    static final TagPolicy ANY = new TagPolicy(new TagMatcher.AnyTag(), false, false);
    static final ShiplaneConfig CONFIG = new ShiplaneConfig(
            List.of(new EnvironmentSpec("staging", "monynha-staging", ANY),
                    new EnvironmentSpec("prod", "monynha-prod", ANY, "staging", Duration.ofMinutes(30))),
            List.of(new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.CANARY, List.of("web-5xx"),
                    List.of("staging", "prod"), new TrafficPlan(List.of(10, 50, 100), Duration.ofMinutes(5)), null)));

    final Delivery d = new Delivery(CONFIG);
    final Target staging = CONFIG.target("staging", "web").orElseThrow();

    @BeforeEach
    void world() {
        for (var cluster : List.of("monynha-staging", "monynha-prod")) {
            d.ecs.service(cluster, "web-blue", "arn:td/" + cluster + "-web:1", 3);
            d.ecs.service(cluster, "web-green", "arn:td/" + cluster + "-web:1", 0);
        }
        d.alarms.set("web-5xx", "OK");
    }

    ImagePush push(String id, String tag, char digit) {
        return new ImagePush(id, Registry.ECR, "123456789012.dkr.ecr.us-east-1.amazonaws.com", "monynha/web", tag,
                "sha256:" + String.valueOf(digit).repeat(64), d.clock.instant().minusSeconds(1));
    }

    String rolloutId() {
        return d.ledger.serviceState("staging", "web").rollout().deploymentId();
    }

    CompletionOutcome healthy() {
        var state = d.ledger.serviceState("staging", "web");
        return d.completions.onEcsDeploymentEvent(new EcsDeploymentEvent("ecs-1", "monynha-staging", "web-green",
                state.rollout().canaryEcsDeploymentId(), EcsDeploymentEvent.COMPLETED, null, d.clock.instant()));
    }

    RolloutOutcome fireStep(int step) {
        d.clock.advance(Duration.ofMinutes(5));
        var due = (CanaryStepDue) d.scheduler.fire(StepSchedules.step(rolloutId(), step));
        return d.rollouts.handle(staging, new Signal.StepDue("due-" + step, due.deploymentId(), due.step()));
    }

    @Test
    void canaryFromPushToPromotion_movesTrafficStepByStep() {
        var pushed = push("p1", "1.5.0", 'a');
        d.deploys.deploy(pushed);

        assertThat(d.bus.published(DeploymentStarted.class)).singleElement()
                .satisfies(s -> assertThat(s.ecsService()).isEqualTo("web-green"));
        assertThat(d.ecs.desiredCountOf("monynha-staging", "web-green")).isEqualTo(3);
        assertThat(d.router.weights()).isEqualTo("blue=100 green=0");

        assertThat(healthy()).isEqualTo(new CompletionOutcome.ByRollout(new RolloutOutcome.Shifted(1, 3, 10,
                Colour.GREEN)));
        assertThat(d.router.weights()).isEqualTo("blue=90 green=10");
        assertThat(fireStep(2)).isEqualTo(new RolloutOutcome.Shifted(2, 3, 50, Colour.GREEN));
        assertThat(fireStep(3)).isEqualTo(new RolloutOutcome.Shifted(3, 3, 100, Colour.GREEN));
        assertThat(d.router.weights()).isEqualTo("blue=0 green=100");
        assertThat(d.ecs.desiredCountOf("monynha-staging", "web-blue")).isEqualTo(3); // kept for the final bake
        assertThat(fireStep(4)).isEqualTo(new RolloutOutcome.Promoted(Colour.GREEN));

        assertThat(d.ecs.desiredCountOf("monynha-staging", "web-blue")).isZero();
        assertThat(d.bus.published(TrafficShifted.class)).extracting(TrafficShifted::canaryWeight).containsExactly(10, 50, 100);
        assertThat(d.bus.published(DeploymentSucceeded.class)).singleElement().satisfies(s -> {
            assertThat(s.env()).isEqualTo("staging");
            assertThat(s.pushedAt()).as("lead time runs from the push").isEqualTo(pushed.pushedAt());
        });
        var state = d.ledger.serviceState("staging", "web");
        assertThat(state.liveColour()).isEqualTo(Colour.GREEN);
        assertThat(state.pending()).isEmpty();
        assertThat(state.leaseOwner()).isNull();
        assertThat(d.ledger.deployment("staging", "web", rolloutId())).get().extracting(x -> x.status())
                .isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(d.scheduler.pending()).containsOnlyKeys(StepSchedules.promotion(rolloutId(), "prod"));
    }

    @Test
    void nextImageGoesToTheOtherColour_afterPromotion() {
        d.deploys.deploy(push("p1", "1.5.0", 'a'));
        healthy();
        fireStep(2);
        fireStep(3);
        fireStep(4);

        d.deploys.deploy(push("p2", "1.6.0", 'b'));

        assertThat(d.bus.published(DeploymentStarted.class)).last().satisfies(s -> {
            assertThat(s.ecsService()).isEqualTo("web-blue");
            assertThat(s.fromTaskDefinition()).isEqualTo(d.ecs.taskDefinitionOf("monynha-staging", "web-green"));
        });
        assertThat(d.ecs.desiredCountOf("monynha-staging", "web-blue")).isEqualTo(3);
        assertThat(d.router.weights()).isEqualTo("blue=0 green=100");
    }

    @Test
    void gateAlarmAtAStep_rollsBackWithTrafficFirst() {
        d.deploys.deploy(push("p1", "1.5.0", 'a'));
        healthy();
        d.alarms.set("web-5xx", "ALARM");

        assertThat(fireStep(2)).isInstanceOf(RolloutOutcome.RolledBack.class);

        assertThat(d.router.changes()).last().isEqualTo("blue=100 green=0");
        assertThat(d.ecs.desiredCountOf("monynha-staging", "web-green")).isZero();
        assertThat(d.bus.published(DeploymentRolledBack.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("web-5xx in ALARM"));
        assertThat(d.ledger.deployment("staging", "web", rolloutId())).get().extracting(x -> x.status())
                .isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(d.ledger.serviceState("staging", "web").liveColour()).isEqualTo(Colour.BLUE);
        assertThat(d.scheduler.pending()).isEmpty();
    }

    @Test
    void stepDueDeliveredTwice_shiftsOnce() {
        d.deploys.deploy(push("p1", "1.5.0", 'a'));
        healthy();
        fireStep(2);
        var again = d.rollouts.handle(staging, new Signal.StepDue("due-2", rolloutId(), 2));

        assertThat(again).isInstanceOf(RolloutOutcome.Ignored.class);
        assertThat(d.bus.published(TrafficShifted.class)).hasSize(2);
    }

    @Test
    void crashWhileShifting_theRetryFinishesThePendingActions() {
        d.deploys.deploy(push("p1", "1.5.0", 'a'));
        healthy();
        d.router.failNext(1);
        d.clock.advance(Duration.ofMinutes(5));
        var due = (CanaryStepDue) d.scheduler.fire(StepSchedules.step(rolloutId(), 2));

        assertThatThrownBy(() -> d.rollouts.handle(staging, new Signal.StepDue("due-2", rolloutId(), 2)))
                .hasMessageContaining("throttled");
        var afterCrash = d.ledger.serviceState("staging", "web");
        assertThat(afterCrash.pending()).isNotEmpty();
        assertThat(afterCrash.leaseOwner()).isNull();

        var retry = d.rollouts.handle(staging, new Signal.StepDue("due-2", rolloutId(), due.step()));

        assertThat(retry).isInstanceOf(RolloutOutcome.Ignored.class); // the step already happened: only its actions were left to finish
        assertThat(d.router.weights()).isEqualTo("blue=50 green=50");
        assertThat(d.bus.published(TrafficShifted.class)).extracting(TrafficShifted::canaryWeight).containsExactly(10, 50);
        assertThat(d.ledger.serviceState("staging", "web").pending()).isEmpty();
    }

    @Test
    void pushAfterACrashedTransition_finishesItsActionsBeforeStartingTheNewRollout() {
        d.deploys.deploy(push("p1", "1.5.0", 'a'));
        healthy();
        d.router.failNext(1);
        d.clock.advance(Duration.ofMinutes(5));
        d.scheduler.fire(StepSchedules.step(rolloutId(), 2));
        assertThatThrownBy(() -> d.rollouts.handle(staging, new Signal.StepDue("due-2", rolloutId(), 2)))
                .hasMessageContaining("throttled");

        d.deploys.deploy(push("p2", "1.6.0", 'b'));

        // the crashed step's announcement is not lost; then the newer image takes over with traffic back on blue
        assertThat(d.bus.published(TrafficShifted.class)).extracting(TrafficShifted::canaryWeight).containsExactly(10, 50);
        assertThat(d.router.weights()).isEqualTo("blue=100 green=0");
        assertThat(d.ledger.serviceState("staging", "web").pending()).isEmpty();
    }

    @Test
    void signalWhileAnotherInvocationHoldsTheLease_isRetriedLater() {
        d.deploys.deploy(push("p1", "1.5.0", 'a'));
        healthy();
        var state = d.ledger.serviceState("staging", "web");
        d.ledger.commit(state.leasedTo("someone", d.clock.instant().plusSeconds(60)), state.version(), null);

        assertThatThrownBy(() -> d.rollouts.handle(staging, new Signal.PauseRequested("op", "arn:ops")))
                .isInstanceOf(ServiceBusyException.class);
        assertThat(d.bus.published(TrafficShifted.class)).hasSize(1);
    }

    @Test
    void newerImageMidCanary_supersedesWithTrafficBackFirst() {
        d.deploys.deploy(push("p1", "1.5.0", 'a'));
        healthy();
        fireStep(2);
        var first = rolloutId();

        d.deploys.deploy(push("p2", "1.5.1", 'b'));

        assertThat(d.router.changes()).last().isEqualTo("blue=100 green=0");
        assertThat(d.bus.published(DeploymentAborted.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).startsWith("superseded by"));
        assertThat(d.ledger.deployment("staging", "web", first)).get().extracting(x -> x.status())
                .isEqualTo(DeploymentStatus.SUPERSEDED);
        assertThat(d.ledger.serviceState("staging", "web").rollout().phase()).isEqualTo(RolloutPhase.WAITING_FOR_HEALTHY);
        assertThat(d.ledger.serviceState("staging", "web").rollout().canaryColour()).isEqualTo(Colour.GREEN);
        // the first rollout's step schedule is gone, and would be ignored if it fired
        assertThat(d.scheduler.pending()).doesNotContainKey(StepSchedules.step(first, 3));
        assertThat(d.rollouts.handle(staging, new Signal.StepDue("late", first, 3)))
                .isInstanceOf(RolloutOutcome.Ignored.class);
    }

    @Test
    void pauseResumePromoteAndAbort_fromOperators() {
        d.deploys.deploy(push("p1", "1.5.0", 'a'));
        healthy();
        assertThat(d.rollouts.handle(staging, new Signal.PauseRequested("op-1", "arn:ops")))
                .isEqualTo(new RolloutOutcome.Paused(10));
        assertThat(d.scheduler.pending()).isEmpty();
        assertThat(d.rollouts.handle(staging, new Signal.ResumeRequested("op-2", "arn:ops")))
                .isEqualTo(new RolloutOutcome.Resumed(10));
        assertThat(d.rollouts.handle(staging, new Signal.PromoteRequested("op-3", "arn:ops")))
                .isInstanceOf(RolloutOutcome.PromotedOnRequest.class);
        assertThat(d.router.weights()).isEqualTo("blue=0 green=100");
        assertThat(d.rollouts.handle(staging, new Signal.AbortRequested("op-4", "arn:ops", "late")))
                .isInstanceOf(RolloutOutcome.Ignored.class);
    }

    @Test
    void promotionDue_deploysTheSameDigestToProdOnlyIfStillGood() {
        var pushed = push("p1", "1.5.0", 'a');
        assertThat(d.deploys.deploy(pushed)).extracting(TargetOutcome::env, TargetOutcome::result)
                .containsExactly(
                        tuple("staging", new DeployResult.Started()),
                        tuple("prod", new DeployResult.Skipped(SkipReason.PROMOTION)));
        healthy();
        fireStep(2);
        fireStep(3);
        fireStep(4);
        var due = (PromotionDue) d.scheduler.fire(StepSchedules.promotion(rolloutId(), "prod"));
        assertThat(due.dueAt()).isEqualTo(d.clock.instant().plus(Duration.ofMinutes(30)));

        assertThat(d.promotions.onDue(due).result()).isEqualTo(new DeployResult.Started());

        var started = d.bus.published(DeploymentStarted.class).getLast();
        assertThat(started.env()).isEqualTo("prod");
        assertThat(started.image().digest()).isEqualTo(pushed.digest());
        assertThat(d.promotions.onDue(due).result()).isEqualTo(new DeployResult.Skipped(SkipReason.DUPLICATE));
    }

    @Test
    void promotionDue_afterTheSourceAlarmed_isNotPromotable() {
        d.deploys.deploy(push("p1", "1.5.0", 'a'));
        healthy();
        fireStep(2);
        fireStep(3);
        fireStep(4);
        var due = (PromotionDue) d.scheduler.fire(StepSchedules.promotion(rolloutId(), "prod"));
        d.alarms.set("web-5xx", "ALARM");

        assertThat(d.promotions.onDue(due).result())
                .isEqualTo(new DeployResult.Skipped(SkipReason.NOT_PROMOTABLE));
        assertThat(d.bus.published(DeploymentSkipped.class)).last()
                .satisfies(s -> assertThat(s.detail()).contains("web-5xx in ALARM"));
    }
}
