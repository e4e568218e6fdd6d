package dev.shiplane.core.canary;

import dev.shiplane.core.events.DeploymentAborted;
import dev.shiplane.core.events.DeploymentFailed;
import dev.shiplane.core.events.DeploymentRolledBack;
import dev.shiplane.core.events.DeploymentSucceeded;
import dev.shiplane.core.events.HealthCheckDue;
import dev.shiplane.core.events.RolloutPaused;
import dev.shiplane.core.events.RolloutResumed;
import dev.shiplane.core.events.TrafficShifted;
import dev.shiplane.core.gate.HttpCheck;
import dev.shiplane.core.canary.RolloutAction.CancelStep;
import dev.shiplane.core.canary.RolloutAction.Publish;
import dev.shiplane.core.canary.RolloutAction.ScaleService;
import dev.shiplane.core.canary.RolloutAction.ScheduleStep;
import dev.shiplane.core.canary.RolloutAction.SetWeights;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The progressive-delivery step machine: (rollout, signal, gate alarms, now) → (next rollout, actions). Pure, so
 * every transition is a row in a table test, and the I/O that carries actions out stays elsewhere.
 *
 * <p>Steps are 1-based: step k moves traffic to {@code steps[k-1]} percent; the step after the last one is the final
 * check, which promotes. Every move and the promotion first check the gates; a gate failing at any check rolls
 * back. Health and smoke checks, when the service declares them, run before the first move (against the new colour
 * alone: a failure aborts with no traffic ever sent) and after the last one (all traffic on the new colour, the old
 * one still running: a failure rolls back at once). Traffic returns to the live colour before anything else in every ending but promotion, and the old colour
 * is scaled down only after the new one has baked at 100%, so a late alarm still finds it running.
 */
public final class CanaryMachine {

    private CanaryMachine() {}

    public static Transition next(String env, String service, Rollout r, Signal signal, AlarmSnapshot gates,
                                  Instant now) {
        if (!r.phase().active()) {
            return ignore(r, "rollout " + r.deploymentId() + " is " + r.phase().code());
        }
        return switch (signal) {
            case Signal.Healthy h -> {
                if (r.phase() != RolloutPhase.WAITING_FOR_HEALTHY) yield ignore(r, "already healthy");
                if (!h.ecsDeploymentId().equals(r.canaryEcsDeploymentId())) {
                    yield ignore(r, "ECS deployment " + h.ecsDeploymentId() + " is not this rollout's");
                }
                yield r.checks().preTraffic().isEmpty() ? shift(env, service, r, 1, now)
                        : startChecks(env, service, r, HttpCheck.Phase.PRE_TRAFFIC, now);
            }
            case Signal.CheckPassed c -> {
                var stale = staleCheck(r, c.deploymentId(), c.phase(), c.check());
                if (stale != null) yield ignore(r, stale);
                var checked = r.withChecks(r.checks().passing(c.check()));
                if (!checked.checks().allPassed(c.phase())) {
                    yield new Transition(checked, List.of(), new RolloutOutcome.CheckPassed(c.phase(), c.check(),
                            pendingChecks(checked, c.phase())));
                }
                yield c.phase() == HttpCheck.Phase.PRE_TRAFFIC ? shift(env, service, checked, 1, now)
                        : promote(env, service, checked, now);
            }
            case Signal.CheckFailed c -> {
                var stale = staleCheck(r, c.deploymentId(), c.phase(), c.check());
                if (stale != null) yield ignore(r, stale);
                var reason = c.phase().code() + " check " + c.check() + " failed: " + c.evidence();
                if (c.phase() == HttpCheck.Phase.POST_PROMOTION) yield rollBack(env, service, r, "check", reason, null, now);
                // No traffic ever reached the new colour: this is an abort, not a rollback.
                var ended = r.at(RolloutPhase.ABORTED, r.stepIndex(), false, reason, now);
                yield new Transition(ended, withRestore(r, new Publish(new DeploymentAborted(env, service,
                        r.deploymentId(), r.image(), reason, "shiplane", now))), new RolloutOutcome.Aborted(reason));
            }
            case Signal.CanaryFailed f -> {
                if (!f.ecsDeploymentId().equals(r.canaryEcsDeploymentId())) {
                    yield ignore(r, "ECS deployment " + f.ecsDeploymentId() + " is not this rollout's");
                }
                var ended = r.at(RolloutPhase.FAILED, r.stepIndex(), false, f.reason(), now);
                yield new Transition(ended, withRestore(r, new Publish(new DeploymentFailed(env, service,
                        r.deploymentId(), r.image(), r.canaryTaskDefinition(), f.reason(), now))),
                        new RolloutOutcome.Failed(f.reason()));
            }
            case Signal.StepDue due -> {
                if (!due.deploymentId().equals(r.deploymentId())) yield ignore(r, "step due for another deployment");
                if (r.phase() != RolloutPhase.SHIFTING || due.step() != r.nextStep()) {
                    yield ignore(r, "step " + due.step() + " is not the next step (" + r.nextStep() + ")");
                }
                if (r.paused()) yield ignore(r, "paused; resuming schedules the next step");
                var failure = gates.failure();
                if (failure != null) yield rollBack(env, service, r, "alarm", "gate failed: " + failure, null, now);
                if (due.step() <= r.steps().size()) yield shift(env, service, r, due.step(), now);
                yield r.checks().postPromotion().isEmpty() ? promote(env, service, r, now)
                        : startChecks(env, service, r, HttpCheck.Phase.POST_PROMOTION, now);
            }
            case Signal.AlarmFired a -> rollBack(env, service, r, "alarm", a.alarmName() + ": " + a.reason(),
                    a.alarmAt(), now);
            case Signal.RollbackRequested m -> rollBack(env, service, r, "manual", m.reason() == null
                    || m.reason().isBlank() ? "rollback requested by " + m.requestedBy() : m.reason(), null, now);
            case Signal.PromoteRequested p -> {
                if (r.phase() == RolloutPhase.POST_PROMOTION_CHECKS) {
                    var promoted = promote(env, service, r, now);
                    yield new Transition(promoted.rollout(), promoted.actions(), new RolloutOutcome.PromotedOnRequest(
                            p.requestedBy(), pendingChecks(r, HttpCheck.Phase.POST_PROMOTION), false));
                }
                if (r.phase() != RolloutPhase.SHIFTING) yield ignore(r, "only a rollout shifting traffic can be promoted");
                List<RolloutAction> actions = new ArrayList<>();
                actions.add(new CancelStep(r.nextStep()));
                if (r.canaryWeight() < 100) {
                    actions.add(new SetWeights(r.canaryColour(), 100));
                    actions.add(new Publish(new TrafficShifted(env, service, r.deploymentId(), r.steps().size(),
                            r.steps().size(), 100, 0, r.canaryColour().code(), null, now)));
                }
                // Skipping the remaining steps does not skip the checks: they still decide before the old colour goes.
                var promoted = r.checks().postPromotion().isEmpty() ? promote(env, service, r, now)
                        : startChecks(env, service, r, HttpCheck.Phase.POST_PROMOTION, now);
                actions.addAll(promoted.actions());
                yield new Transition(promoted.rollout(), actions, new RolloutOutcome.PromotedOnRequest(
                        p.requestedBy(), List.of(), promoted.rollout().phase() != RolloutPhase.PROMOTED));
            }
            case Signal.AbortRequested a -> {
                var reason = a.reason() == null || a.reason().isBlank() ? "aborted by " + a.requestedBy() : a.reason();
                var ended = r.at(RolloutPhase.ABORTED, r.stepIndex(), false, reason, now);
                yield new Transition(ended, withRestore(r, new Publish(new DeploymentAborted(env, service,
                        r.deploymentId(), r.image(), reason, a.requestedBy(), now))),
                        new RolloutOutcome.Aborted(reason));
            }
            case Signal.PauseRequested p -> {
                if (r.phase() != RolloutPhase.SHIFTING || r.paused()) yield ignore(r, "nothing to pause");
                yield new Transition(r.at(r.phase(), r.stepIndex(), true, null, now),
                        List.of(new CancelStep(r.nextStep()), new Publish(new RolloutPaused(env, service,
                                r.deploymentId(), r.canaryWeight(), p.requestedBy(), now))),
                        new RolloutOutcome.Paused(r.canaryWeight()));
            }
            case Signal.ResumeRequested p -> {
                if (!r.paused()) yield ignore(r, "not paused");
                var due = now.plus(r.bake());
                yield new Transition(r.at(r.phase(), r.stepIndex(), false, null, now),
                        List.of(new ScheduleStep(r.nextStep(), due), new Publish(new RolloutResumed(env, service,
                                r.deploymentId(), r.canaryWeight(), due, p.requestedBy(), now))),
                        new RolloutOutcome.Resumed(r.canaryWeight()));
            }
            case Signal.Superseded s -> {
                var reason = "superseded by " + s.byDeploymentId();
                var ended = r.at(RolloutPhase.SUPERSEDED, r.stepIndex(), false, reason, now);
                // The new image goes to the same colour right away, so it is not scaled down here.
                yield new Transition(ended, List.of(new SetWeights(r.canaryColour(), 0), new CancelStep(r.nextStep()),
                        new Publish(new DeploymentAborted(env, service, r.deploymentId(), r.image(), reason, "shiplane",
                                now))), new RolloutOutcome.Superseded(s.byDeploymentId()));
            }
        };
    }

    private static Transition shift(String env, String service, Rollout r, int step, Instant now) {
        int weight = r.steps().get(step - 1);
        var next = r.at(RolloutPhase.SHIFTING, step - 1, false, null, now);
        var due = now.plus(r.bake());
        return new Transition(next, List.of(
                new SetWeights(r.canaryColour(), weight),
                new Publish(new TrafficShifted(env, service, r.deploymentId(), step, r.steps().size(), weight,
                        100 - weight, r.canaryColour().code(), due, now)),
                new ScheduleStep(step + 1, due)),
                new RolloutOutcome.Shifted(step, r.steps().size(), weight, r.canaryColour()));
    }

    /** Attempt 1 of every check of the phase; the checks function schedules further attempts itself. */
    private static Transition startChecks(String env, String service, Rollout r, HttpCheck.Phase phase,
                                          Instant now) {
        var pre = phase == HttpCheck.Phase.PRE_TRAFFIC;
        var next = r.at(pre ? RolloutPhase.PRE_TRAFFIC_CHECKS : RolloutPhase.POST_PROMOTION_CHECKS,
                pre ? -1 : r.steps().size() - 1, false, null, now);
        List<RolloutAction> actions = new ArrayList<>();
        for (var check : r.checks().in(phase)) {
            actions.add(new Publish(new HealthCheckDue(env, service, r.deploymentId(), r.image(), check, phase.code(),
                    r.canaryColour().code(), 1, now)));
        }
        return new Transition(next, actions, new RolloutOutcome.ChecksStarted(phase, r.checks().in(phase),
                r.canaryColour(), r.stableColour()));
    }

    /** Why a check result does not apply to this rollout now, or {@code null} when it does. */
    private static String staleCheck(Rollout r, String deploymentId, HttpCheck.Phase phase, String check) {
        if (!deploymentId.equals(r.deploymentId())) return "check result for another deployment";
        var checking = phase == HttpCheck.Phase.PRE_TRAFFIC ? RolloutPhase.PRE_TRAFFIC_CHECKS
                : RolloutPhase.POST_PROMOTION_CHECKS;
        if (r.phase() != checking) return phase.code() + " check " + check + " arrived while " + r.phase().code();
        if (!r.checks().in(phase).contains(check)) return check + " is not a " + phase.code() + " check of this rollout";
        if (r.checks().passed().contains(check)) return check + " already passed";
        return null;
    }

    private static List<String> pendingChecks(Rollout r, HttpCheck.Phase phase) {
        return r.checks().in(phase).stream().filter(c -> !r.checks().passed().contains(c)).toList();
    }

    private static Transition promote(String env, String service, Rollout r, Instant now) {
        var promoted = r.at(RolloutPhase.PROMOTED, r.steps().size() - 1, false, null, now);
        return new Transition(promoted, List.of(
                new ScaleService(r.stableColour(), 0),
                new Publish(new DeploymentSucceeded(env, service, r.deploymentId(), r.image(),
                        r.canaryTaskDefinition(), r.startedAt(), now,
                        Duration.between(r.startedAt(), now).toSeconds(), r.pushedAt()))),
                new RolloutOutcome.Promoted(r.canaryColour()));
    }

    private static Transition rollBack(String env, String service, Rollout r, String trigger, String reason,
                                       Instant alarmAt, Instant now) {
        var ended = r.at(RolloutPhase.ROLLED_BACK, r.stepIndex(), false, reason, now);
        return new Transition(ended, withRestore(r, new Publish(new DeploymentRolledBack(env, service,
                r.deploymentId(), r.image(), trigger, reason, r.stableTaskDefinition(), r.canaryTaskDefinition(),
                now, alarmAt))), new RolloutOutcome.RolledBack(reason));
    }

    /** Traffic back to the live colour first (one call makes users safe), then the rest. */
    private static List<RolloutAction> withRestore(Rollout r, Publish announcement) {
        return List.of(new SetWeights(r.canaryColour(), 0), new ScaleService(r.canaryColour(), 0),
                new CancelStep(r.nextStep()), announcement);
    }

    private static Transition ignore(Rollout r, String why) {
        return new Transition(r, List.of(), new RolloutOutcome.Ignored(why));
    }
}
