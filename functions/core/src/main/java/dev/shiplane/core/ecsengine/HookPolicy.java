package dev.shiplane.core.ecsengine;

import dev.shiplane.core.config.Target;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ecsengine.HookFacts.Subject;
import dev.shiplane.core.events.DeploymentBlocked;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.GateFailed;
import dev.shiplane.core.events.GatePassed;
import dev.shiplane.core.events.TrafficShifted;
import dev.shiplane.core.freeze.FreezeVerdict;
import dev.shiplane.core.gate.CheckPolicy;
import dev.shiplane.core.gate.CheckVerdict;
import dev.shiplane.core.gate.HttpCheck;
import dev.shiplane.core.gate.ScanGate;
import dev.shiplane.core.gate.ScanGatePolicy;
import dev.shiplane.core.gate.ScanVerdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What shiplane's hooks function answers ECS at each lifecycle stage of a native deployment. Pure: the facts are
 * gathered first ({@link HookService}), the answer and its announcements computed whole here.
 *
 * <ul>
 *   <li>{@code PRE_SCALE_UP}: the gates a deployment passes before anything runs, asked again (a freeze may have begun,
 *       the image been rolled back elsewhere, a redeploy not gone through the deploy function): frozen, quarantined
 *       or a scan above tolerance (or none within the gate's timeout) → FAILED and {@code Deployment Blocked}; a scan
 *       still pending → IN_PROGRESS.</li>
 *   <li>{@code POST_TEST_TRAFFIC_SHIFT} / {@code POST_PRODUCTION_TRAFFIC_SHIFT}: one attempt of each pre-traffic /
 *       post-promotion check not passed yet, judged by {@link CheckPolicy}; attempts left → IN_PROGRESS one
 *       {@code retryEvery} later.</li>
 *   <li>{@code PRODUCTION_TRAFFIC_SHIFT}: SUCCEEDED, announced as {@code Traffic Shifted}.</li>
 *   <li>A rollback shiplane started passes every stage; any other stage, or a deployment nobody can name → FAILED.</li>
 * </ul>
 */
public final class HookPolicy {

    /** How soon ECS asks again while the scan is pending (ECS's own default). */
    static final Duration SCAN_CALLBACK = Duration.ofSeconds(30);
    /** How soon ECS asks again while the deploy function is still writing the deployment down (milliseconds). */
    static final Duration RECORDING_CALLBACK = Duration.ofSeconds(5);
    /** ECS calls the revision a deployment brings "green". */
    static final String NEW_REVISION = "green";

    private HookPolicy() {}

    public static HookAnswer decide(HookFacts facts) {
        if (facts.stage() == null) {
            return new HookAnswer.Failed("shiplane does not know the lifecycle stage '" + facts.stageName() + "'",
                    List.of());
        }
        return switch (facts.subject()) {
            case Subject.Recording r -> new HookAnswer.InProgress(RECORDING_CALLBACK, facts.progress().next(),
                    r.why(), List.of());
            // ECS runs this stage in its own rollbacks as well: refusing it could only keep traffic split.
            case Subject.Unknown u when facts.stage() == LifecycleStage.PRODUCTION_TRAFFIC_SHIFT ->
                    new HookAnswer.Succeeded("traffic moves (" + u.why() + ")", List.of());
            case Subject.Unknown u -> new HookAnswer.Failed(u.why(), List.of());
            case Subject.RollingBack b -> new HookAnswer.Succeeded("a rollback shiplane started (undoing "
                    + b.undone().deploymentId() + ") is never held", List.of());
            case Subject.Deploying d -> switch (facts.stage()) {
                case PRE_SCALE_UP -> beforeScaleUp(facts, d);
                case POST_TEST_TRAFFIC_SHIFT -> checks(facts, d, HttpCheck.Phase.PRE_TRAFFIC);
                case PRODUCTION_TRAFFIC_SHIFT -> trafficShifted(facts, d);
                case POST_PRODUCTION_TRAFFIC_SHIFT -> checks(facts, d, HttpCheck.Phase.POST_PROMOTION);
                case RECONCILE_SERVICE, POST_SCALE_UP, TEST_TRAFFIC_SHIFT, PRE_PRODUCTION_TRAFFIC_SHIFT ->
                        new HookAnswer.Failed("shiplane's hook decides nothing at " + facts.stage()
                                + "; its configuration names only " + NativeDeploymentSettings.LAMBDA_HOOK_STAGES,
                                List.of());
            };
        };
    }

    private static HookAnswer beforeScaleUp(HookFacts facts, Subject.Deploying d) {
        if (facts.freeze() == null) return new HookAnswer.Failed("the freeze could not be looked up", List.of());
        if (facts.freeze() instanceof FreezeVerdict.Frozen frozen) {
            return blocked(facts, d, "freeze", frozen.detail(), List.of());
        }
        if (d.quarantined()) {
            return blocked(facts, d, "quarantine", d.deployment().image().digest() + " was rolled back in "
                    + d.target().env() + "/" + d.target().serviceName() + "; only an explicit deploy takes it again",
                    List.of());
        }
        var gate = facts.scanGate();
        if (gate == null || !gate.enforced()) {
            return new HookAnswer.Succeeded("not frozen, not quarantined, no enforced scan gate", List.of());
        }
        if (d.deployment().restart()) {
            return new HookAnswer.Succeeded("not frozen, not quarantined, a restart of the running revision admits"
                    + " no new image to scan", List.of());
        }
        if (facts.scan() == null) return new HookAnswer.Failed("the image's scan could not be looked up", List.of());
        var waited = Duration.between(facts.progress().startedAt(), facts.now());
        return switch (ScanGatePolicy.judge(gate, facts.scan(), waited.compareTo(gate.timeout()) >= 0)) {
            // The deploy function announced the pass when the deployment began; asking again repeats nothing.
            case ScanVerdict.Pass p -> new HookAnswer.Succeeded("not frozen, not quarantined, scan: " + p.evidence(),
                    List.of());
            case ScanVerdict.Wait w -> new HookAnswer.InProgress(SCAN_CALLBACK, facts.progress().next(),
                    "awaiting the image scan (waited " + waited.toSeconds() + "s of " + gate.timeout().toSeconds()
                            + "s)", List.of());
            case ScanVerdict.Block b -> blocked(facts, d, ScanGate.NAME, b.reason(), List.of(new GateFailed(
                    ScanGate.NAME, null, d.target().env(), d.target().serviceName(), d.deployment().deploymentId(),
                    d.deployment().image(), b.reason(), true, facts.now())));
        };
    }

    private static HookAnswer blocked(HookFacts facts, Subject.Deploying d, String gate, String reason,
                                      List<DomainEvent> before) {
        List<DomainEvent> events = new ArrayList<>(before);
        var deployment = d.deployment();
        events.add(new DeploymentBlocked(d.target().env(), d.target().serviceName(), deployment.deploymentId(),
                deployment.pushId(), deployment.image(), gate, reason, facts.now()));
        return new HookAnswer.Failed(gate + ": " + reason, events, true);
    }

    private static HookAnswer checks(HookFacts facts, Subject.Deploying d, HttpCheck.Phase phase) {
        if (facts.declaredChecks() == null) {
            return new HookAnswer.Failed("the service's " + phase.code() + " checks could not be read", List.of());
        }
        var progress = facts.progress();
        var pending = progress.pending(facts.declaredChecks());
        if (pending.isEmpty()) {
            return new HookAnswer.Succeeded(facts.declaredChecks().isEmpty() ? "no " + phase.code() + " checks declared"
                    : "every " + phase.code() + " check passed", List.of());
        }
        Map<String, HookFacts.CheckAttempt> attempts = new LinkedHashMap<>();
        facts.checkAttempts().forEach(a -> attempts.put(a.check().name(), a));
        List<DomainEvent> events = new ArrayList<>();
        var passed = new LinkedHashSet<>(progress.passed());
        Map<String, Integer> retrying = new LinkedHashMap<>();
        var delay = Duration.ZERO;
        String failure = null;
        for (var check : pending) {
            var attempt = attempts.get(check.name());
            if (attempt == null) {
                return new HookAnswer.Failed(check.name() + ": no attempt was made (" + phase.code() + ")", events);
            }
            switch (CheckPolicy.judge(check, attempt.response(), attempt.attempt())) {
                case CheckVerdict.Pass p -> {
                    passed.add(check.name());
                    events.add(gatePassed(facts, d, phase, check, p.evidence()));
                }
                case CheckVerdict.Retry r -> {
                    retrying.put(check.name(), r.nextAttempt());
                    // Every retrying check waits at least its own retryEvery, whichever is asked again first.
                    if (check.retryEvery().compareTo(delay) > 0) delay = check.retryEvery();
                }
                case CheckVerdict.Fail f -> {
                    events.add(new GateFailed(phase.code(), check.name(), d.target().env(),
                            d.target().serviceName(), d.deployment().deploymentId(), d.deployment().image(),
                            f.evidence(), true, facts.now()));
                    if (failure == null) failure = f.evidence();
                }
            }
        }
        if (failure != null) return new HookAnswer.Failed(phase.code() + " check failed: " + failure, events);
        if (!retrying.isEmpty()) {
            return new HookAnswer.InProgress(delay.isZero() ? Duration.ofSeconds(1) : delay,
                    progress.next(retrying, passed), "retrying " + retrying, events);
        }
        return new HookAnswer.Succeeded("every " + phase.code() + " check passed", events);
    }

    private static GatePassed gatePassed(HookFacts facts, Subject.Deploying d, HttpCheck.Phase phase, HttpCheck check,
                                         String evidence) {
        return new GatePassed(phase.code(), check.name(), d.target().env(), d.target().serviceName(),
                d.deployment().deploymentId(), d.deployment().image(), evidence, true, facts.now());
    }

    private static HookAnswer trafficShifted(HookFacts facts, Subject.Deploying d) {
        var weight = facts.productionWeight();
        if (weight == null) {
            return new HookAnswer.Succeeded("traffic moves (ECS gave no weight for the new revision)", List.of());
        }
        var steps = Steps.of(d.target(), weight);
        Deployment deployment = d.deployment();
        return new HookAnswer.Succeeded(weight + "% of production traffic on the new revision",
                List.of(new TrafficShifted(d.target().env(), d.target().serviceName(), deployment.deploymentId(),
                        steps.step(), steps.steps(), weight, 100 - weight, NEW_REVISION, null, facts.now())));
    }

    /** Which of the strategy's shifts a weight is, as {@code Traffic Shifted} counts them. */
    record Steps(int step, int steps) {
        static Steps of(Target target, int weight) {
            var settings = NativeDeploymentSettings.of(target);
            return switch (settings.strategy()) {
                case "CANARY" -> new Steps(weight <= settings.canaryPercent() ? 1 : 2, 2);
                case "LINEAR" -> {
                    int steps = (int) Math.ceil(100 / settings.stepPercent());
                    yield new Steps(Math.min(steps, Math.max(1, (int) Math.ceil(weight / settings.stepPercent()))),
                            steps);
                }
                default -> new Steps(1, 1);
            };
        }
    }
}
