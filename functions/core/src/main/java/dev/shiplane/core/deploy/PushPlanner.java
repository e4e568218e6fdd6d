package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.config.TargetResolver;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.freeze.FreezePolicy;
import dev.shiplane.core.freeze.FreezeVerdict;
import dev.shiplane.core.gate.ScanCheck;
import dev.shiplane.core.freeze.Freezes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code shiplane plan}: what a push would meet on the deploy path (targets, promotion, tag policy, freeze), as data,
 * from the same {@link DeployPlanner#decide} the deploy function asks. Pure: it reads the configuration and the
 * freezes only, so a plan changes nothing. Ledger-dependent outcomes (duplicate, superseded, quarantined, busy) and
 * the scan result are not predicted.
 */
public final class PushPlanner {

    private PushPlanner() {}

    /** Without freezes: calendar windows and ad-hoc freezes are not asked. */
    public static List<PushPlan> plan(ShiplaneConfig config, ImagePush push) {
        // Without a lease in a plan, the time only dates the question; the push's own time will do.
        return TargetResolver.resolve(config, push).stream()
                .map(t -> plan(t, push, new FreezeVerdict.Open(), push.pushedAt())).toList();
    }

    /**
     * One plan per target in configuration order; empty when no service takes images from the push's repository.
     * The freeze verdict is the one a push at {@code now} would meet.
     */
    public static List<PushPlan> plan(ShiplaneConfig config, ImagePush push, Instant now, Freezes freezes) {
        return TargetResolver.resolve(config, push).stream().map(t -> plan(t, push,
                FreezePolicy.verdict(config.freezes(), freezes.of(t.env()), t.env(), now), now)).toList();
    }

    /**
     * The scan gate of the environment, the checks of the service and, on ECS's engine, the environment's approval, in
     * the order a deployment meets them.
     */
    static String gates(Target t) {
        List<String> gates = new java.util.ArrayList<>();
        var scan = t.environment().scanGate();
        if (scan != null) {
            gates.add("scan " + (scan.enforced() ? "≤ " + scan.maxSeverity() + " (waits up to "
                    + scan.timeout().toMinutes() + "m)" : "reported only"));
        }
        for (var phase : dev.shiplane.core.gate.HttpCheck.Phase.values()) {
            var names = t.service().checks().stream().filter(c -> c.phase() == phase)
                    .map(dev.shiplane.core.gate.HttpCheck::name).toList();
            if (!names.isEmpty()) gates.add(phase.code() + ": " + String.join(", ", names));
        }
        var approval = t.environment().approval();
        if (approval.required() && t.service().onEcsEngine()) {
            // ECS holds the deployment at its pause hook, before production traffic moves, until someone answers.
            gates.add("approval before production traffic (rolled back after " + approval.timeout().toMinutes()
                    + "m unanswered)");
        }
        return gates.isEmpty() ? "none" : String.join("; ", gates);
    }

    /**
     * Asks the deploy decision with what a plan knows: no deployment recorded, a service head with no lease, no
     * quarantine and no push yet, and no scan looked up (the gates column says what the scan gate would ask).
     */
    private static PushPlan plan(Target t, ImagePush push, FreezeVerdict freeze, Instant now) {
        var traffic = t.service().traffic();
        var tag = t.tagVerdict(push.tag());
        var facts = new DeployFacts.Known(Optional.empty(), ServiceState.initial(t.env(), t.serviceName()), freeze,
                new ScanCheck.Ungated());
        var decision = DeployPlanner.decide(t, push, false, tag, facts, now);
        var verdict = t.environment().promoted() ? DeployPlanner.promotionRule(t.environment()) : tag.explanation();
        return new PushPlan(t.env(), t.serviceName(), decision instanceof DeployDecision.Begin,
                decision instanceof DeployDecision.Skip skip ? skip.reason().code() : null, verdict,
                freezeText(freeze), t.service().strategy().code(), traffic.steps(), traffic.bake(), gates(t));
    }

    private static String freezeText(FreezeVerdict freeze) {
        return switch (freeze) {
            case FreezeVerdict.Open open -> "none";
            case FreezeVerdict.Frozen frozen -> "frozen: " + frozen.detail();
        };
    }
}
