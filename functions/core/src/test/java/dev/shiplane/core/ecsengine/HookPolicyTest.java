package dev.shiplane.core.ecsengine;

import static dev.shiplane.core.ecsengine.HookFixtures.GATE;
import static dev.shiplane.core.ecsengine.HookFixtures.HEALTH;
import static dev.shiplane.core.ecsengine.HookFixtures.NOW;
import static dev.shiplane.core.ecsengine.HookFixtures.SMOKE;
import static dev.shiplane.core.ecsengine.HookFixtures.answered;
import static dev.shiplane.core.ecsengine.HookFixtures.deployment;
import static dev.shiplane.core.ecsengine.HookFixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.config.Target;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ecsengine.HookFacts.CheckAttempt;
import dev.shiplane.core.ecsengine.HookFacts.Subject;
import dev.shiplane.core.freeze.FreezeVerdict;
import dev.shiplane.core.gate.CheckResponse;
import dev.shiplane.core.gate.HttpCheck;
import dev.shiplane.core.gate.ScanGate;
import dev.shiplane.core.gate.ScanResult;
import dev.shiplane.core.gate.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The hook's decision table: one row per rule, named for what it proves. */
class HookPolicyTest {

    static final Target WEB = target();
    static final Subject DEPLOYING = new Subject.Deploying(WEB, deployment("d-7", DeploymentStatus.STARTED), false);
    static final Subject QUARANTINED = new Subject.Deploying(WEB, deployment("d-7", DeploymentStatus.STARTED), true);
    static final Subject ROLLING_BACK = new Subject.RollingBack(WEB, deployment("d-7", DeploymentStatus.ROLLED_BACK));
    static final FreezeVerdict OPEN = new FreezeVerdict.Open();
    static final FreezeVerdict FROZEN = new FreezeVerdict.Frozen("prod is frozen until 2026-11-27T00:00:00Z by ana");
    static final HookProgress FIRST = HookProgress.from(Map.of(), NOW);
    static final ScanResult CLEAN = new ScanResult.Complete(Map.of(Severity.LOW, 2));
    static final ScanResult CRITICAL = new ScanResult.Complete(Map.of(Severity.CRITICAL, 1));
    static final ScanResult PENDING = new ScanResult.Pending();

    /** The facts of one invocation; rows change one thing at a time. */
    record Facts(LifecycleStage stage, String stageName, Subject subject, FreezeVerdict freeze, ScanGate gate,
                 ScanResult scan, List<HttpCheck> declared, List<CheckAttempt> attempts, HookProgress progress,
                 Integer weight) {

        static Facts at(LifecycleStage stage) {
            return new Facts(stage, stage.name(), DEPLOYING, OPEN, null, null, null, List.of(), FIRST, null);
        }

        static Facts unknownStage(String name) {
            return new Facts(null, name, DEPLOYING, OPEN, null, null, null, List.of(), FIRST, null);
        }

        Facts subject(Subject s) {
            return new Facts(stage, stageName, s, freeze, gate, scan, declared, attempts, progress, weight);
        }

        Facts freeze(FreezeVerdict f) {
            return new Facts(stage, stageName, subject, f, gate, scan, declared, attempts, progress, weight);
        }

        Facts scan(ScanGate g, ScanResult s) {
            return new Facts(stage, stageName, subject, freeze, g, s, declared, attempts, progress, weight);
        }

        Facts checks(List<HttpCheck> d, CheckAttempt... a) {
            return new Facts(stage, stageName, subject, freeze, gate, scan, d, List.of(a), progress, weight);
        }

        Facts progress(HookProgress p) {
            return new Facts(stage, stageName, subject, freeze, gate, scan, declared, attempts, p, weight);
        }

        Facts weight(Integer w) {
            return new Facts(stage, stageName, subject, freeze, gate, scan, declared, attempts, progress, w);
        }

        HookFacts toHookFacts() {
            return new HookFacts(stageName, stage, subject, freeze, gate, scan, declared, attempts, progress, weight,
                    NOW);
        }
    }

    /**
     * What a row expects: the status, the callback delay ({@code null}: none), the announcements in order, and whether
     * the ledger is to record the deployment blocked.
     */
    record Expected(String status, Duration callBackDelay, List<String> announced, boolean blocked) {
        static Expected succeeded(String... announced) {
            return new Expected("SUCCEEDED", null, List.of(announced), false);
        }

        static Expected failed(String... announced) {
            return new Expected("FAILED", null, List.of(announced), false);
        }

        static Expected blocked(String... announced) {
            return new Expected("FAILED", null, List.of(announced), true);
        }

        static Expected inProgress(Duration delay, String... announced) {
            return new Expected("IN_PROGRESS", delay, List.of(announced), false);
        }
    }

    /** A redeploy of web:6, whose image (a tag in the task definition) carries no digest. */
    static Deployment restart() {
        var image = dev.shiplane.core.image.ImageRef.fromUri("monynha/web:1.0.0");
        return new Deployment("d-8", "prod", "web", "rotation-1", image, DeploymentStatus.STARTED,
                DeploymentStatus.STARTED, "web:6", "web:6", "ecs-svc/2", NOW, NOW, NOW, null);
    }

    static CheckAttempt attempt(HttpCheck check, int number, CheckResponse response) {
        return new CheckAttempt(check, number, response);
    }

    static HookProgress startedAgo(Duration ago) {
        return HookProgress.from(Map.of("shiplane.startedAt", NOW.minus(ago).toString(), "shiplane.invocation", "9"),
                NOW);
    }

    static Stream<Arguments> table() {
        var pre = LifecycleStage.PRE_SCALE_UP;
        var test = LifecycleStage.POST_TEST_TRAFFIC_SHIFT;
        var shift = LifecycleStage.PRODUCTION_TRAFFIC_SHIFT;
        var post = LifecycleStage.POST_PRODUCTION_TRAFFIC_SHIFT;
        return Stream.of(
                // Fail closed
                row("a stage shiplane does not know fails", Facts.unknownStage("SCALE_SIDEWAYS"),
                        Expected.failed()),
                row("a known stage the hook is not configured for fails",
                        Facts.at(LifecycleStage.RECONCILE_SERVICE), Expected.failed()),
                row("a hook no shiplane deployment explains fails before scale-up",
                        Facts.at(pre).subject(new Subject.Unknown("monynha-prod/other is not managed")),
                        Expected.failed()),
                row("a hook no shiplane deployment explains fails after test traffic",
                        Facts.at(test).subject(new Subject.Unknown("no deployment")), Expected.failed()),
                row("a production traffic shift nobody explains goes on: ECS runs it in its own rollbacks too",
                        Facts.at(shift).subject(new Subject.Unknown("no deployment")).weight(100),
                        Expected.succeeded()),
                row("a deployment still being written to the ledger is asked again in 5s",
                        Facts.at(pre).subject(new Subject.Recording("d-8 holds the lease")),
                        Expected.inProgress(Duration.ofSeconds(5))),
                // PRE_SCALE_UP
                row("open, not quarantined, no scan gate: scale up", Facts.at(pre), Expected.succeeded()),
                row("a missing freeze verdict fails", Facts.at(pre).freeze(null), Expected.failed()),
                row("a freeze blocks the deployment", Facts.at(pre).freeze(FROZEN),
                        Expected.blocked("Deployment Blocked freeze d-7")),
                row("a quarantined image is blocked", Facts.at(pre).subject(QUARANTINED),
                        Expected.blocked("Deployment Blocked quarantine d-7")),
                row("a freeze never blocks a rollback shiplane started",
                        Facts.at(pre).subject(ROLLING_BACK).freeze(FROZEN), Expected.succeeded()),
                row("a scan within tolerance scales up without announcing the pass again",
                        Facts.at(pre).scan(GATE, CLEAN), Expected.succeeded()),
                row("a scan above tolerance blocks", Facts.at(pre).scan(GATE, CRITICAL),
                        Expected.blocked("Gate Failed scan", "Deployment Blocked scan d-7")),
                row("a pending scan is asked again in 30s", Facts.at(pre).scan(GATE, PENDING),
                        Expected.inProgress(Duration.ofSeconds(30))),
                row("a scan still pending at the gate's timeout blocks",
                        Facts.at(pre).scan(GATE, PENDING).progress(startedAgo(Duration.ofMinutes(30))),
                        Expected.blocked("Gate Failed scan", "Deployment Blocked scan d-7")),
                row("a restart of the running revision (a redeploy after a rotation) is not scanned: no new image",
                        Facts.at(pre).scan(GATE, null).subject(new Subject.Deploying(WEB, restart(), false)),
                        Expected.succeeded()),
                row("an enforced gate whose scan could not be read fails", Facts.at(pre).scan(GATE, null),
                        Expected.failed()),
                row("a report-only gate never holds", Facts.at(pre).scan(new ScanGate(Severity.MEDIUM, false,
                        Duration.ofMinutes(30)), null), Expected.succeeded()),
                // POST_TEST_TRAFFIC_SHIFT: pre-traffic checks
                row("no pre-traffic checks: test traffic is enough", Facts.at(test).checks(List.of()),
                        Expected.succeeded()),
                row("unreadable checks fail", Facts.at(test), Expected.failed()),
                row("a passing pre-traffic check lets production traffic move",
                        Facts.at(test).checks(List.of(HEALTH), attempt(HEALTH, 1, answered(200, "ok"))),
                        Expected.succeeded("Gate Passed pre-traffic health")),
                row("a failed attempt with attempts left is asked again one retryEvery later",
                        Facts.at(test).checks(List.of(HEALTH), attempt(HEALTH, 1, answered(500, "ok"))),
                        Expected.inProgress(Duration.ofSeconds(30))),
                row("the last attempt failing fails the hook",
                        Facts.at(test).checks(List.of(HEALTH), attempt(HEALTH, 3, answered(200, "degraded"))),
                        Expected.failed("Gate Failed pre-traffic health")),
                row("a declared check nobody attempted fails", Facts.at(test).checks(List.of(HEALTH)),
                        Expected.failed()),
                row("a check passed in an earlier invocation is not asked or announced again",
                        Facts.at(test).checks(List.of(HEALTH)).progress(new HookProgress(NOW, 2, Map.of(),
                                Set.of("health"), Map.of())), Expected.succeeded()),
                row("a rollback shiplane started is never failed by a check",
                        Facts.at(test).subject(ROLLING_BACK), Expected.succeeded()),
                // PRODUCTION_TRAFFIC_SHIFT
                row("the canary's shift is announced as step 1 of 2", Facts.at(shift).weight(10),
                        Expected.succeeded("Traffic Shifted 10/90 step 1/2 green d-7")),
                row("the full shift is announced as step 2 of 2", Facts.at(shift).weight(100),
                        Expected.succeeded("Traffic Shifted 100/0 step 2/2 green d-7")),
                row("a shift without the new revision's weight goes on unannounced", Facts.at(shift),
                        Expected.succeeded()),
                // POST_PRODUCTION_TRAFFIC_SHIFT: post-promotion checks
                row("a passing post-promotion check completes the deployment",
                        Facts.at(post).checks(List.of(SMOKE), attempt(SMOKE, 1, answered(200, null))),
                        Expected.succeeded("Gate Passed post-promotion smoke")),
                row("a failing post-promotion check makes ECS roll back",
                        Facts.at(post).checks(List.of(SMOKE), attempt(SMOKE, 1,
                                new CheckResponse.Unreachable("connection refused"))),
                        Expected.failed("Gate Failed post-promotion smoke")));
    }

    static Arguments row(String name, Facts facts, Expected expected) {
        return Arguments.of(name, facts, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, Facts facts, Expected expected) {
        var answer = HookPolicy.decide(facts.toHookFacts());

        assertThat(answer.hookStatus()).isEqualTo(expected.status());
        assertThat(answer instanceof HookAnswer.InProgress p ? p.callBackDelay() : null)
                .isEqualTo(expected.callBackDelay());
        assertThat(answer.announcements()).extracting(HookFixtures::describe)
                .containsExactlyElementsOf(expected.announced());
        assertThat(answer instanceof HookAnswer.Failed f && f.blocked()).as("recorded blocked")
                .isEqualTo(expected.blocked());
    }
}
