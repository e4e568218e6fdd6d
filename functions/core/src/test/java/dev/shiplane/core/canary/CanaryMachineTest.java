package dev.shiplane.core.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.events.DeploymentAborted;
import dev.shiplane.core.events.DeploymentFailed;
import dev.shiplane.core.events.DeploymentRolledBack;
import dev.shiplane.core.events.DeploymentSucceeded;
import dev.shiplane.core.events.HealthCheckDue;
import dev.shiplane.core.gate.HttpCheck;
import dev.shiplane.core.events.RolloutPaused;
import dev.shiplane.core.events.RolloutResumed;
import dev.shiplane.core.events.TrafficShifted;
import dev.shiplane.core.image.ImageRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every state × signal that matters, as rows: given a rollout and a signal, the phase, weight and actions after. */
class CanaryMachineTest {

    static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    static final Duration BAKE = Duration.ofMinutes(5);
    static final List<Integer> CANARY = List.of(10, 25, 50, 100);
    static final List<Integer> LINEAR = List.of(20, 40, 60, 80, 100);
    static final List<Integer> BLUE_GREEN = List.of(100);
    static final Routing ROUTING = new Routing("rule", "tg-blue", "tg-green", "web-blue", "web-green");
    static final ImageRef IMAGE = new ImageRef("ecr", "monynha/web", "1.5.0", "sha256:x", "uri");
    static final Instant PUSHED_AT = NOW.minusSeconds(900);

    static Rollout waiting(List<Integer> steps) {
        return Rollout.waiting("d-1", IMAGE, PUSHED_AT, steps, BAKE, Colour.GREEN, "td:2", "td:1", "ecs-svc/2",
                ROUTING, NOW.minusSeconds(600));
    }

    /** Shifting at 1-based step {@code step}. */
    static Rollout shifting(List<Integer> steps, int step) {
        return waiting(steps).at(RolloutPhase.SHIFTING, step - 1, false, null, NOW.minusSeconds(300));
    }

    static Rollout paused(List<Integer> steps, int step) {
        return waiting(steps).at(RolloutPhase.SHIFTING, step - 1, true, null, NOW.minusSeconds(300));
    }

    static Rollout ended(RolloutPhase phase) {
        return waiting(CANARY).at(phase, 1, false, "over", NOW.minusSeconds(300));
    }

    static final RolloutChecks CHECKS = new RolloutChecks(List.of("health", "smoke"), List.of("health"), List.of());

    static Rollout checked(Rollout r) {
        return r.withChecks(CHECKS);
    }

    /** Checking before traffic (pre) or after the last step (post), with {@code passed} already passed. */
    static Rollout checking(HttpCheck.Phase phase, String... passed) {
        var pre = phase == HttpCheck.Phase.PRE_TRAFFIC;
        var r = checked(waiting(CANARY)).at(pre ? RolloutPhase.PRE_TRAFFIC_CHECKS : RolloutPhase.POST_PROMOTION_CHECKS,
                pre ? -1 : CANARY.size() - 1, false, null, NOW.minusSeconds(60));
        return r.withChecks(new RolloutChecks(CHECKS.preTraffic(), CHECKS.postPromotion(), List.of(passed)));
    }

    static final HttpCheck.Phase PRE = HttpCheck.Phase.PRE_TRAFFIC;
    static final HttpCheck.Phase POST = HttpCheck.Phase.POST_PROMOTION;

    static Signal passed(HttpCheck.Phase phase, String check) {
        return new Signal.CheckPassed("e", "d-1", phase, check, check + ": 200 in 12ms (attempt 1)");
    }

    static Signal failed(HttpCheck.Phase phase, String check) {
        return new Signal.CheckFailed("e", "d-1", phase, check, check + ": status 500, expected 200 (attempt 3 of 3)");
    }

    static Stream<Arguments> checkTransitions() {
        return Stream.of(
                row("healthy with pre-traffic checks asks for every check, no traffic yet", checked(waiting(CANARY)),
                        healthy(), QUIET, "pre-traffic-checks 0% | publish Health Check Due, publish Health Check Due"),
                row("one of two pre-traffic checks passed: recorded, still no traffic", checking(PRE),
                        passed(PRE, "health"), QUIET, "pre-traffic-checks 0% passed [health] | -"),
                row("last pre-traffic check passed: the first canary weight", checking(PRE, "health"),
                        passed(PRE, "smoke"), QUIET, "shifting 10% | weights 10, publish Traffic Shifted, schedule 2"),
                row("a duplicate pass is ignored", checking(PRE, "health"), passed(PRE, "health"), QUIET,
                        "pre-traffic-checks 0% passed [health] | -"),
                row("failed pre-traffic check aborts with weights left at 100/0", checking(PRE, "health"),
                        failed(PRE, "smoke"), QUIET,
                        "aborted 0% | weights 0, scale green 0, cancel 1, publish Deployment Aborted"),
                row("a check result for another deployment is ignored", checking(PRE),
                        new Signal.CheckFailed("e", "d-0", PRE, "health", "x"), QUIET, "pre-traffic-checks 0% | -"),
                row("a post-promotion result while checking pre-traffic is ignored", checking(PRE), failed(POST, "health"),
                        QUIET, "pre-traffic-checks 0% | -"),
                row("an undeclared check is ignored", checking(PRE), passed(PRE, "other"), QUIET, "pre-traffic-checks 0% | -"),
                row("a late failure after the checks passed is ignored", checked(shifting(CANARY, 1)), failed(PRE, "health"),
                        QUIET, "shifting 10% | -"),
                row("final check with post-promotion checks keeps both colours and asks for them",
                        checked(shifting(CANARY, 4)), due(5), QUIET, "post-promotion-checks 100% | publish Health Check Due"),
                row("final check with an alarm rolls back before any post-promotion check", checked(shifting(CANARY, 4)),
                        due(5), ALARM, "rolled-back 0% | weights 0, scale green 0, cancel 5, publish Deployment Rolled Back"),
                row("post-promotion check passed: promoted, old colour scaled down", checking(POST),
                        passed(POST, "health"), QUIET, "promoted 100% | scale blue 0, publish Deployment Succeeded"),
                row("post-promotion check failed: traffic back on the still-running old colour", checking(POST),
                        failed(POST, "health"), QUIET,
                        "rolled-back 0% | weights 0, scale green 0, cancel 5, publish Deployment Rolled Back"),
                row("alarm during post-promotion checks rolls back", checking(POST),
                        new Signal.AlarmFired("e", "web-5xx", "5xx", null), QUIET,
                        "rolled-back 0% | weights 0, scale green 0, cancel 5, publish Deployment Rolled Back"),
                row("abort during pre-traffic checks", checking(PRE), new Signal.AbortRequested("e", "ops", "no"), QUIET,
                        "aborted 0% | weights 0, scale green 0, cancel 1, publish Deployment Aborted"),
                row("operator promote mid-way still runs the post-promotion checks", checked(shifting(CANARY, 2)),
                        new Signal.PromoteRequested("e", "ops"), QUIET,
                        "post-promotion-checks 100% | cancel 3, weights 100, publish Traffic Shifted, publish Health Check Due"),
                row("operator promote during post-promotion checks promotes without them", checking(POST),
                        new Signal.PromoteRequested("e", "ops"), QUIET, "promoted 100% | scale blue 0, publish Deployment Succeeded"),
                row("promote during pre-traffic checks is refused", checking(PRE), new Signal.PromoteRequested("e", "ops"),
                        QUIET, "pre-traffic-checks 0% | -"),
                row("a step due during post-promotion checks is ignored", checking(POST), due(5), QUIET,
                        "post-promotion-checks 100% | -"),
                row("superseded during pre-traffic checks", checking(PRE), new Signal.Superseded("e", "d-2"), QUIET,
                        "superseded 0% | weights 0, cancel 1, publish Deployment Aborted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkTransitions")
    void checkTransition(String description, Rollout rollout, Signal signal, AlarmSnapshot gates, String expected) {
        var t = CanaryMachine.next("prod", "web", rollout, signal, gates, NOW);
        assertThat(describe(t)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void checkEventsCarryTheFacts() {
        var asked = CanaryMachine.next("prod", "web", checked(waiting(CANARY)), healthy(), QUIET, NOW);
        assertThat(asked.actions()).extracting(a -> ((RolloutAction.Publish) a).event()).containsExactly(
                new HealthCheckDue("prod", "web", "d-1", IMAGE, "health", "pre-traffic", "green", 1, NOW),
                new HealthCheckDue("prod", "web", "d-1", IMAGE, "smoke", "pre-traffic", "green", 1, NOW));

        var aborted = CanaryMachine.next("prod", "web", checking(PRE), failed(PRE, "smoke"), QUIET, NOW);
        assertThat(aborted.actions()).filteredOn(a -> a instanceof RolloutAction.Publish)
                .extracting(a -> ((RolloutAction.Publish) a).event()).singleElement()
                .isInstanceOfSatisfying(DeploymentAborted.class, e -> {
                    assertThat(e.reason()).isEqualTo("pre-traffic check smoke failed: smoke: status 500, expected 200"
                            + " (attempt 3 of 3)");
                    assertThat(e.requestedBy()).isEqualTo("shiplane");
                });

        var rolledBack = CanaryMachine.next("prod", "web", checking(POST), failed(POST, "health"), QUIET, NOW);
        assertThat(rolledBack.actions()).filteredOn(a -> a instanceof RolloutAction.Publish)
                .extracting(a -> ((RolloutAction.Publish) a).event()).singleElement()
                .isInstanceOfSatisfying(DeploymentRolledBack.class, e -> {
                    assertThat(e.trigger()).isEqualTo("check");
                    assertThat(e.restoredTaskDefinition()).isEqualTo("td:1");
                });
        // Entering a new phase forgets the passes of the previous one.
        var shifted = CanaryMachine.next("prod", "web", checking(PRE, "health"), passed(PRE, "smoke"), QUIET, NOW);
        assertThat(shifted.rollout().checks().passed()).isEmpty();
    }

    static final AlarmSnapshot QUIET = new AlarmSnapshot(List.of("web-5xx"), Map.of("web-5xx", "OK"));
    static final AlarmSnapshot ALARM = new AlarmSnapshot(List.of("web-5xx"), Map.of("web-5xx", "ALARM"));
    static final AlarmSnapshot MISSING = new AlarmSnapshot(List.of("web-5xx"), Map.of());
    static final AlarmSnapshot NO_DATA = new AlarmSnapshot(List.of("web-5xx"), Map.of("web-5xx", "INSUFFICIENT_DATA"));

    static Signal healthy() {
        return new Signal.Healthy("e", "ecs-svc/2");
    }

    static Signal due(int step) {
        return new Signal.StepDue("e", "d-1", step);
    }

    static Arguments row(String name, Rollout r, Signal s, AlarmSnapshot gates, String expected) {
        return Arguments.of(name, r, s, gates, expected);
    }

    static Stream<Arguments> transitions() {
        return Stream.of(
                row("healthy new colour gets the first canary weight", waiting(CANARY), healthy(), QUIET,
                        "shifting 10% | weights 10, publish Traffic Shifted, schedule 2"),
                row("healthy for another ECS deployment is ignored", waiting(CANARY), new Signal.Healthy("e", "ecs-svc/1"), QUIET,
                        "waiting-for-healthy 0% | -"),
                row("duplicate healthy after shifting is ignored", shifting(CANARY, 1), healthy(), QUIET, "shifting 10% | -"),
                row("blue-green moves all traffic at once when healthy", waiting(BLUE_GREEN), healthy(), QUIET,
                        "shifting 100% | weights 100, publish Traffic Shifted, schedule 2"),
                row("linear starts at its first increment", waiting(LINEAR), healthy(), QUIET,
                        "shifting 20% | weights 20, publish Traffic Shifted, schedule 2"),
                row("step due with quiet gates moves to the next weight", shifting(CANARY, 1), due(2), QUIET,
                        "shifting 25% | weights 25, publish Traffic Shifted, schedule 3"),
                row("step due reaching 100 keeps the old colour for the final bake", shifting(CANARY, 3), due(4), QUIET,
                        "shifting 100% | weights 100, publish Traffic Shifted, schedule 5"),
                row("final check after baking at 100 promotes and scales the old colour down", shifting(CANARY, 4), due(5), QUIET,
                        "promoted 100% | scale blue 0, publish Deployment Succeeded"),
                row("blue-green promotes after its one bake", shifting(BLUE_GREEN, 1), due(2), QUIET,
                        "promoted 100% | scale blue 0, publish Deployment Succeeded"),
                row("linear middle step", shifting(LINEAR, 3), due(4), QUIET,
                        "shifting 80% | weights 80, publish Traffic Shifted, schedule 5"),
                row("gate alarm at a step rolls back: traffic first", shifting(CANARY, 2), due(3), ALARM,
                        "rolled-back 0% | weights 0, scale green 0, cancel 3, publish Deployment Rolled Back"),
                row("gate alarm at the final check rolls back although at 100", shifting(CANARY, 4), due(5), ALARM,
                        "rolled-back 0% | weights 0, scale green 0, cancel 5, publish Deployment Rolled Back"),
                row("missing gate alarm fails closed", shifting(CANARY, 1), due(2), MISSING,
                        "rolled-back 0% | weights 0, scale green 0, cancel 2, publish Deployment Rolled Back"),
                row("insufficient data does not block", shifting(CANARY, 1), due(2), NO_DATA,
                        "shifting 25% | weights 25, publish Traffic Shifted, schedule 3"),
                row("stale step due (already past) is ignored", shifting(CANARY, 3), due(2), ALARM, "shifting 50% | -"),
                row("step due from the future is ignored", shifting(CANARY, 1), due(4), QUIET, "shifting 10% | -"),
                row("duplicate step due is ignored", shifting(CANARY, 2), due(2), QUIET, "shifting 25% | -"),
                row("step due for another deployment is ignored", shifting(CANARY, 1), new Signal.StepDue("e", "d-0", 2), QUIET,
                        "shifting 10% | -"),
                row("step due while waiting is ignored", waiting(CANARY), due(1), QUIET, "waiting-for-healthy 0% | -"),
                row("step due while paused is ignored", paused(CANARY, 2), due(3), QUIET, "shifting 25% paused | -"),
                row("step due after promotion is ignored", ended(RolloutPhase.PROMOTED), due(3), QUIET, "promoted 100% | -"),
                row("step due after abort is ignored", ended(RolloutPhase.ABORTED), due(3), ALARM, "aborted 0% | -"),
                row("step due after supersede is ignored", ended(RolloutPhase.SUPERSEDED), due(3), QUIET, "superseded 0% | -"),
                row("alarm event while shifting rolls back", shifting(CANARY, 2), new Signal.AlarmFired("e", "web-5xx", "5xx > 5%", null),
                        QUIET, "rolled-back 0% | weights 0, scale green 0, cancel 3, publish Deployment Rolled Back"),
                row("alarm event while waiting rolls back before any traffic", waiting(CANARY),
                        new Signal.AlarmFired("e", "web-5xx", "5xx", null), QUIET,
                        "rolled-back 0% | weights 0, scale green 0, cancel 1, publish Deployment Rolled Back"),
                row("operator rollback mid-way restores traffic first", shifting(CANARY, 3),
                        new Signal.RollbackRequested("e", "ops", "bad numbers"), QUIET,
                        "rolled-back 0% | weights 0, scale green 0, cancel 4, publish Deployment Rolled Back"),
                row("alarm event after rollback is ignored (flapping)", ended(RolloutPhase.ROLLED_BACK),
                        new Signal.AlarmFired("e", "web-5xx", "5xx", null), QUIET, "rolled-back 0% | -"),
                row("ECS failure of the new colour fails the rollout", waiting(CANARY),
                        new Signal.CanaryFailed("e", "ecs-svc/2", "circuit breaker"), QUIET,
                        "failed 0% | weights 0, scale green 0, cancel 1, publish Deployment Failed"),
                row("ECS failure of another deployment is ignored", waiting(CANARY),
                        new Signal.CanaryFailed("e", "ecs-svc/9", "x"), QUIET, "waiting-for-healthy 0% | -"),
                row("promote mid-way skips the remaining steps", shifting(CANARY, 2), new Signal.PromoteRequested("e", "ops"), QUIET,
                        "promoted 100% | cancel 3, weights 100, publish Traffic Shifted, scale blue 0, publish Deployment Succeeded"),
                row("promote at 100 skips the final bake", shifting(CANARY, 4), new Signal.PromoteRequested("e", "ops"), QUIET,
                        "promoted 100% | cancel 5, scale blue 0, publish Deployment Succeeded"),
                row("promote before healthy is refused", waiting(CANARY), new Signal.PromoteRequested("e", "ops"), QUIET,
                        "waiting-for-healthy 0% | -"),
                row("abort at a step restores traffic first", shifting(CANARY, 3), new Signal.AbortRequested("e", "ops", "bad"), QUIET,
                        "aborted 0% | weights 0, scale green 0, cancel 4, publish Deployment Aborted"),
                row("abort while waiting", waiting(CANARY), new Signal.AbortRequested("e", "ops", null), QUIET,
                        "aborted 0% | weights 0, scale green 0, cancel 1, publish Deployment Aborted"),
                row("abort after promotion is ignored", ended(RolloutPhase.PROMOTED), new Signal.AbortRequested("e", "ops", null),
                        QUIET, "promoted 100% | -"),
                row("pause holds the weight and cancels the due step", shifting(CANARY, 2), new Signal.PauseRequested("e", "ops"),
                        QUIET, "shifting 25% paused | cancel 3, publish Rollout Paused"),
                row("pause twice is ignored", paused(CANARY, 2), new Signal.PauseRequested("e", "ops"), QUIET, "shifting 25% paused | -"),
                row("resume schedules the next step after a bake", paused(CANARY, 2), new Signal.ResumeRequested("e", "ops"), QUIET,
                        "shifting 25% | schedule 3, publish Rollout Resumed"),
                row("resume when not paused is ignored", shifting(CANARY, 2), new Signal.ResumeRequested("e", "ops"), QUIET,
                        "shifting 25% | -"),
                row("abort while paused still restores traffic", paused(CANARY, 2), new Signal.AbortRequested("e", "ops", "no"),
                        QUIET, "aborted 0% | weights 0, scale green 0, cancel 3, publish Deployment Aborted"),
                row("superseded mid-way gives traffic back and keeps the colour running", shifting(CANARY, 2),
                        new Signal.Superseded("e", "d-2"), QUIET, "superseded 0% | weights 0, cancel 3, publish Deployment Aborted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void transition(String description, Rollout rollout, Signal signal, AlarmSnapshot gates, String expected) {
        var t = CanaryMachine.next("prod", "web", rollout, signal, gates, NOW);
        assertThat(describe(t)).isEqualTo(expected);
    }

    static String describe(Transition t) {
        var r = t.rollout();
        var state = r.phase().code() + " " + r.canaryWeight() + "%" + (r.paused() ? " paused" : "")
                + (r.checks().passed().isEmpty() ? "" : " passed " + r.checks().passed());
        var actions = t.actions().isEmpty() ? "-" : t.actions().stream().map(a -> switch (a) {
            case RolloutAction.SetWeights w -> "weights " + w.canaryWeight();
            case RolloutAction.ScaleService s -> "scale " + s.colour().code() + " " + s.desiredCount();
            case RolloutAction.ScheduleStep s -> "schedule " + s.step();
            case RolloutAction.CancelStep c -> "cancel " + c.step();
            case RolloutAction.Publish p -> "publish " + p.event().detailType();
            case RolloutAction.ScheduleEvent e -> "schedule " + e.name();
            case RolloutAction.RollService roll -> "roll " + roll.ecsService();
        }).collect(Collectors.joining(", "));
        return state + " | " + actions;
    }

    @org.junit.jupiter.api.Test
    void eventsCarryTheFacts() {
        var shifted = CanaryMachine.next("prod", "web", shifting(CANARY, 1), due(2), QUIET, NOW);
        assertThat(shifted.actions()).filteredOn(a -> a instanceof RolloutAction.Publish)
                .extracting(a -> ((RolloutAction.Publish) a).event()).singleElement()
                .isEqualTo(new TrafficShifted("prod", "web", "d-1", 2, 4, 25, 75, "green", NOW.plus(BAKE), NOW));
        assertThat(shifted.actions()).contains(new RolloutAction.ScheduleStep(3, NOW.plus(BAKE)));

        var rolledBack = CanaryMachine.next("prod", "web", shifting(CANARY, 2), due(3), ALARM, NOW);
        assertThat(rolledBack.actions().getFirst()).isEqualTo(new RolloutAction.SetWeights(Colour.GREEN, 0));
        assertThat(rolledBack.actions()).filteredOn(a -> a instanceof RolloutAction.Publish)
                .extracting(a -> ((RolloutAction.Publish) a).event()).singleElement()
                .isInstanceOfSatisfying(DeploymentRolledBack.class, e -> {
                    assertThat(e.trigger()).isEqualTo("alarm");
                    assertThat(e.reason()).contains("web-5xx in ALARM");
                    assertThat(e.restoredTaskDefinition()).isEqualTo("td:1");
                    assertThat(e.rolledBackTaskDefinition()).isEqualTo("td:2");
                    assertThat(e.alarmAt()).as("a gate failing at a step check has no alarm event time").isNull();
                });

        var alarmAt = NOW.minusSeconds(40);
        var onAlarm = CanaryMachine.next("prod", "web", shifting(CANARY, 2),
                new Signal.AlarmFired("e", "web-5xx", "5xx", alarmAt), QUIET, NOW);
        assertThat(onAlarm.actions()).filteredOn(a -> a instanceof RolloutAction.Publish)
                .extracting(a -> ((RolloutAction.Publish) a).event()).singleElement()
                .isInstanceOfSatisfying(DeploymentRolledBack.class, e -> {
                    assertThat(e.alarmAt()).as("the alarm's own time, for time to restore").isEqualTo(alarmAt);
                    assertThat(e.at()).isEqualTo(NOW);
                });

        var promoted = CanaryMachine.next("prod", "web", shifting(CANARY, 4), due(5), QUIET, NOW);
        assertThat(promoted.actions()).filteredOn(a -> a instanceof RolloutAction.Publish)
                .extracting(a -> ((RolloutAction.Publish) a).event()).singleElement()
                .isInstanceOfSatisfying(DeploymentSucceeded.class, e -> {
                    assertThat(e.durationSeconds()).isEqualTo(600);
                    assertThat(e.pushedAt()).as("the rollout keeps its push time: lead time").isEqualTo(PUSHED_AT);
                });
        assertThat(promoted.rollout().stableColour()).isEqualTo(Colour.BLUE);

        assertThat(CanaryMachine.next("prod", "web", waiting(CANARY), new Signal.CanaryFailed("e", "ecs-svc/2", "cb"), QUIET, NOW)
                .actions()).anyMatch(a -> a instanceof RolloutAction.Publish p && p.event() instanceof DeploymentFailed);
        assertThat(CanaryMachine.next("prod", "web", paused(CANARY, 1), new Signal.ResumeRequested("e", "ops"), QUIET, NOW)
                .actions()).anyMatch(a -> a instanceof RolloutAction.Publish p && p.event() instanceof RolloutResumed);
        assertThat(CanaryMachine.next("prod", "web", shifting(CANARY, 1), new Signal.PauseRequested("e", "ops"), QUIET, NOW)
                .actions()).anyMatch(a -> a instanceof RolloutAction.Publish p && p.event() instanceof RolloutPaused);
        assertThat(CanaryMachine.next("prod", "web", shifting(CANARY, 1), new Signal.AbortRequested("e", "ops", ""), QUIET, NOW)
                .actions()).anyMatch(a -> a instanceof RolloutAction.Publish p && p.event() instanceof DeploymentAborted d
                && d.reason().equals("aborted by ops"));
    }
}
