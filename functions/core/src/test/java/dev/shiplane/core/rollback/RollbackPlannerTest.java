package dev.shiplane.core.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.KnownGood;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.canary.Colour;
import dev.shiplane.core.canary.Rollout;
import dev.shiplane.core.canary.RolloutPhase;
import dev.shiplane.core.canary.Routing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RollbackPlannerTest {

    static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
    static final ImageRef IMAGE = new ImageRef("ecr", "monynha/docs", "1.4.0", "sha256:bad", "uri");

    static Deployment deployment(String id, DeploymentStatus status, String td) {
        return new Deployment(id, "prod", "docs", "p-" + id, IMAGE, status, status, "td:1", td, "ecs-" + id, T, T, T, null);
    }

    /** A redeploy of the running revision {@code td} (after a rotation, or an operator's): no new image. */
    static Deployment restart(String id, DeploymentStatus status, String td) {
        return new Deployment(id, "prod", "docs", "r-" + id, IMAGE, status, status, td, td, "ecs-" + id, T, T, T, null);
    }

    static ServiceState state(String activeId, String ecsId, KnownGood... good) {
        var s = new ServiceState("prod", "docs", 7, null, null, activeId, ecsId, T, null, Colour.BLUE, null, List.of(),
                List.of(), List.of());
        for (int i = good.length - 1; i >= 0; i--) s = s.withKnownGood(good[i]);
        return s;
    }

    static final KnownGood BASELINE = new KnownGood(null, "td:1", null, T);
    static final KnownGood V3 = new KnownGood("d-3", "td:3", "sha256:ok", T);
    static final KnownGood V4 = new KnownGood("d-4", "td:4", "sha256:bad", T);

    static ServiceState withRollout(RolloutPhase phase) {
        return withRollout(state("d-4", "ecs-d-4", V3), phase);
    }

    static ServiceState withRollout(ServiceState base, RolloutPhase phase) {
        var r = Rollout.waiting("d-4", IMAGE, T, List.of(10, 100), Duration.ofMinutes(5), Colour.GREEN, "td:4", "td:3",
                "ecs-d-4", new Routing("rule", "b", "g", "docs-blue", "docs-green"), T);
        var rollout = new Rollout(r.deploymentId(), r.image(), phase, r.steps(), r.bake(), 0, false, r.canaryColour(),
                r.canaryTaskDefinition(), r.stableTaskDefinition(), r.canaryEcsDeploymentId(), r.routing(), null, T, T);
        return base.withRollout(rollout, List.of());
    }

    static final RollbackTrigger ALARM = new RollbackTrigger.Alarm("e", "prod-docs-5xx", "Threshold Crossed", null);
    static final RollbackTrigger ECS_FAILED = new RollbackTrigger.EcsFailure("e", "ecs-d-4", "circuit breaker");
    static final RollbackTrigger STALE_ECS = new RollbackTrigger.EcsFailure("e", "ecs-d-2", "old");
    static final RollbackTrigger MANUAL = new RollbackTrigger.Manual("e", "arn:ops", null);
    static final RollbackTrigger RESTART_FAILED = new RollbackTrigger.EcsFailure("e", "ecs-d-5", "circuit breaker");

    static Stream<Arguments> decisions() {
        var started = Optional.of(deployment("d-4", DeploymentStatus.STARTED, "td:4"));
        var succeeded = Optional.of(deployment("d-4", DeploymentStatus.SUCCEEDED, "td:4"));
        var rolledBack = Optional.of(deployment("d-4", DeploymentStatus.ROLLED_BACK, "td:4"));
        var restarted = state("d-5", "ecs-d-5", V4, V3);
        var restartStarted = Optional.of(restart("d-5", DeploymentStatus.STARTED, "td:4"));
        var restartSucceeded = Optional.of(restart("d-5", DeploymentStatus.SUCCEEDED, "td:4"));
        return Stream.of(
                Arguments.of("alarm during a canary is the rollout's rollback", withRollout(RolloutPhase.SHIFTING),
                        started, ALARM, "rollout:AlarmFired"),
                Arguments.of("ECS failure while waiting for healthy fails the canary", withRollout(RolloutPhase.WAITING_FOR_HEALTHY),
                        started, ECS_FAILED, "rollout:CanaryFailed"),
                Arguments.of("manual rollback during a canary", withRollout(RolloutPhase.SHIFTING), started, MANUAL,
                        "rollout:RollbackRequested"),
                Arguments.of("alarm in the bake of a rolling deployment restores the last known-good",
                        state("d-4", "ecs-d-4", V3, BASELINE), succeeded, ALARM, "restore td:3"),
                Arguments.of("ECS failure of the rolling deployment restores the last known-good",
                        state("d-4", "ecs-d-4", V3), started, ECS_FAILED, "restore td:3"),
                Arguments.of("only the baseline is known: restore it", state("d-4", "ecs-d-4", BASELINE), succeeded,
                        ALARM, "restore td:1"),
                Arguments.of("no known-good revision fails loudly", state("d-4", "ecs-d-4"), succeeded, ALARM, "fail"),
                Arguments.of("alarm after verification does not roll back", state("d-4", "ecs-d-4", V4, V3), succeeded,
                        ALARM, "ignore"),
                Arguments.of("manual rollback of a verified deployment goes to the one before",
                        state("d-4", "ecs-d-4", V4, V3), succeeded, MANUAL, "restore td:3"),
                Arguments.of("second alarm after the rollback is ignored (flapping)", state("d-4", "ecs-d-4", V3),
                        rolledBack, ALARM, "ignore"),
                Arguments.of("ECS failure of an older ECS deployment is ignored", state("d-4", "ecs-d-4", V3), started,
                        STALE_ECS, "ignore"),
                Arguments.of("alarm with nothing deployed is ignored", state(null, null), Optional.empty(), ALARM, "ignore"),
                Arguments.of("manual rollback with nothing deployed fails", state(null, null), Optional.empty(), MANUAL,
                        "fail"),
                Arguments.of("alarm after a promoted canary restores the known-good before it",
                        withRollout(RolloutPhase.PROMOTED), succeeded, ALARM, "restore td:3"),
                Arguments.of("a superseded deployment is not rolled back", state("d-4", "ecs-d-4", V3),
                        Optional.of(deployment("d-4", DeploymentStatus.SUPERSEDED, "td:4")), ALARM, "ignore"),
                // A restart brought no new image: undoing it never changes the release.
                Arguments.of("alarm in a restart's bake returns to the revision it restarted, not the one before",
                        restarted, restartStarted, ALARM, "restore td:4"),
                Arguments.of("ECS failure of a restart returns to the revision it restarted", restarted,
                        restartStarted, RESTART_FAILED, "restore td:4"),
                Arguments.of("manual rollback of a restart returns to the revision it restarted", restarted,
                        restartSucceeded, MANUAL, "restore td:4"),
                Arguments.of("a restart of a revision that is not known-good is refused, not sent to an older release",
                        state("d-5", "ecs-d-5", V3), restartStarted, ALARM, "fail"),
                Arguments.of("manual rollback of a restarted live colour returns to the revision it restarted",
                        withRollout(restarted, RolloutPhase.PROMOTED), restartSucceeded, MANUAL, "restore td:4"),
                Arguments.of("alarm in the bake of a restarted live colour returns to the revision it restarted",
                        withRollout(restarted, RolloutPhase.PROMOTED), restartStarted, ALARM, "restore td:4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void plans(String description, ServiceState state, Optional<Deployment> active, RollbackTrigger trigger,
               String expected) {
        var summary = switch (RollbackPlanner.plan(state, active, trigger)) {
            case RollbackDecision.Ignore i -> "ignore";
            case RollbackDecision.Fail f -> "fail";
            case RollbackDecision.RollbackRollout r -> "rollout:" + r.signal().getClass().getSimpleName();
            case RollbackDecision.Restore r -> "restore " + r.to().taskDefinition();
        };
        assertThat(summary).isEqualTo(expected);
    }

    static Stream<Arguments> deploymentReads() {
        return Stream.of(
                Arguments.of("canary shifting: the rollout decides from the head", withRollout(RolloutPhase.SHIFTING), false),
                Arguments.of("canary waiting for healthy", withRollout(RolloutPhase.WAITING_FOR_HEALTHY), false),
                Arguments.of("canary ended: the deployment decides", withRollout(RolloutPhase.ROLLED_BACK), true),
                Arguments.of("rolling deployment", state("d-4", "ecs-d-4", V3), true),
                Arguments.of("nothing deployed by shiplane", state(null, null), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deploymentReads")
    void theActiveDeploymentIsReadOnlyWhenThePlanUsesIt(String description, ServiceState state, boolean reads) {
        assertThat(RollbackPlanner.readsActiveDeployment(state)).isEqualTo(reads);
    }

    static Stream<Arguments> onEcsEngine() {
        var started = Optional.of(deployment("d-4", DeploymentStatus.STARTED, "td:4"));
        var succeeded = Optional.of(deployment("d-4", DeploymentStatus.SUCCEEDED, "td:4"));
        var s = state("d-4", "ecs-d-4", V3);
        var restarted = state("d-5", "ecs-d-5", V4, V3);
        var restartStarted = Optional.of(restart("d-5", DeploymentStatus.STARTED, "td:4"));
        var restartSucceeded = Optional.of(restart("d-5", DeploymentStatus.SUCCEEDED, "td:4"));
        return Stream.of(
                Arguments.of("an ECS failure is ECS's rollback, already made", s, started, ECS_FAILED, "ignore"),
                Arguments.of("an alarm while ECS deploys is ECS's to act on", s, started, ALARM, "ignore"),
                Arguments.of("an alarm after ECS finished, in shiplane's bake, restores the known-good", s, succeeded,
                        ALARM, "restore td:3"),
                Arguments.of("an operator's rollback during ECS's deployment restores the known-good", s, started,
                        MANUAL, "restore td:3"),
                Arguments.of("an ECS failure of a restart is ECS's rollback to the revision it restarted", restarted,
                        restartStarted, RESTART_FAILED, "ignore"),
                Arguments.of("an alarm after ECS finished a restart returns to the revision it restarted", restarted,
                        restartSucceeded, ALARM, "restore td:4"),
                Arguments.of("an operator's rollback during ECS's restart returns to the revision it restarted",
                        restarted, restartStarted, MANUAL, "restore td:4"),
                Arguments.of("an operator's rollback of a restart of a revision that is not known-good is refused",
                        state("d-5", "ecs-d-5", V3), restartSucceeded, MANUAL, "fail"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("onEcsEngine")
    void plansForAServiceOnEcsEngine(String description, ServiceState state, Optional<Deployment> active,
                                     RollbackTrigger trigger, String expected) {
        var summary = switch (RollbackPlanner.plan(state, active, trigger, true)) {
            case RollbackDecision.Ignore i -> "ignore";
            case RollbackDecision.Fail f -> "fail";
            case RollbackDecision.RollbackRollout r -> "rollout";
            case RollbackDecision.Restore r -> "restore " + r.to().taskDefinition();
        };
        assertThat(summary).isEqualTo(expected);
    }
}
