package dev.shiplane.core.ecsengine;

import dev.shiplane.core.config.Target;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.freeze.FreezeVerdict;
import dev.shiplane.core.gate.CheckResponse;
import dev.shiplane.core.gate.HttpCheck;
import dev.shiplane.core.gate.ScanGate;
import dev.shiplane.core.gate.ScanResult;
import java.time.Instant;
import java.util.List;

/**
 * Everything {@link HookPolicy} decides one hook invocation from, gathered by {@link HookService} before it asks.
 * A fact the stage needs that could not be gathered is {@code null}, and the policy refuses (fails closed).
 *
 * @param stageName      the stage as ECS named it (for the answer's text when shiplane does not know it)
 * @param stage          that stage, or {@code null} when shiplane does not know it
 * @param subject        which shiplane deployment ECS is carrying out
 * @param freeze         whether the environment is frozen now (PRE_SCALE_UP)
 * @param scanGate       the environment's scan gate, {@code null} when it has none (PRE_SCALE_UP)
 * @param scan           what is known of the image's scan, {@code null} without a scan gate (PRE_SCALE_UP)
 * @param declaredChecks the service's checks of the stage's phase (POST_TEST_TRAFFIC_SHIFT, POST_PRODUCTION_…)
 * @param checkAttempts  this invocation's attempt of each declared check not passed yet
 * @param progress       what earlier invocations of this execution saw
 * @param productionWeight percent of production traffic on the new revision, {@code null} when ECS did not say
 * @param now            when this invocation runs
 */
public record HookFacts(String stageName, LifecycleStage stage, Subject subject, FreezeVerdict freeze,
                        ScanGate scanGate, ScanResult scan, List<HttpCheck> declaredChecks,
                        List<CheckAttempt> checkAttempts, HookProgress progress, Integer productionWeight,
                        Instant now) {

    public HookFacts {
        declaredChecks = declaredChecks == null ? null : List.copyOf(declaredChecks);
        checkAttempts = checkAttempts == null ? List.of() : List.copyOf(checkAttempts);
    }

    /** The shiplane deployment behind a hook, as the ledger tells it. */
    public sealed interface Subject {

        /** A deployment shiplane started (a push, a promotion, an explicit deploy, a settings redeploy). */
        record Deploying(Target target, Deployment deployment, boolean quarantined) implements Subject {}

        /**
         * A rollback shiplane started: the service's active deployment is the one being undone. Never held: a
         * freeze does not stop it, its target is known-good, and a refusal would make ECS roll back to the revision
         * being undone.
         */
        record RollingBack(Target target, Deployment undone) implements Subject {}

        /** The service's lease is held: the deployment that started this is still being written to the ledger. */
        record Recording(String why) implements Subject {}

        /** No shiplane deployment explains this hook (an unmanaged service, a service not on ECS's engine, …). */
        record Unknown(String why) implements Subject {}
    }

    /** One attempt of one check, made by this invocation. */
    public record CheckAttempt(HttpCheck check, int attempt, CheckResponse response) {}
}
