package dev.shiplane.core.deploy;

import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.config.TargetResolver;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.freeze.FreezePolicy;
import dev.shiplane.core.freeze.FreezeVerdict;
import dev.shiplane.core.policy.TagVerdict;
import dev.shiplane.core.ports.Freezes;
import java.time.Instant;
import java.util.List;

/**
 * {@code shiplane plan}: the decisions a push would meet on the deploy path (targets, promotion, tag policy), in the
 * same order {@link DeployService} meets them, and the freeze verdict, as data. Pure: it reads the configuration only, so a plan changes
 * nothing. Ledger-dependent outcomes (duplicate, superseded, quarantined) are not predicted.
 */
public final class PushPlanner {

    private PushPlanner() {}

    /** Without freezes: calendar windows and ad-hoc freezes are not asked. */
    public static List<PushPlan> plan(ShiplaneConfig config, ImagePush push) {
        return TargetResolver.resolve(config, push).stream().map(t -> plan(t, push, new FreezeVerdict.Open()))
                .toList();
    }

    /**
     * One plan per target in configuration order; empty when no service takes images from the push's repository.
     * The freeze verdict is the one a push at {@code now} would meet.
     */
    public static List<PushPlan> plan(ShiplaneConfig config, ImagePush push, Instant now, Freezes freezes) {
        return TargetResolver.resolve(config, push).stream().map(t -> plan(t, push,
                FreezePolicy.verdict(config.freezes(), freezes.of(t.env()), t.env(), now))).toList();
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

    private static PushPlan plan(Target t, ImagePush push, FreezeVerdict freeze) {
        var traffic = t.service().traffic();
        var strategy = t.service().strategy().code();
        var freezeText = switch (freeze) {
            case FreezeVerdict.Open open -> "none";
            case FreezeVerdict.Frozen frozen -> "frozen: " + frozen.detail();
        };
        if (t.environment().promoted()) {
            return new PushPlan(t.env(), t.serviceName(), false, SkipReason.PROMOTION.code(),
                    "takes images by promotion from " + t.environment().promoteFrom() + " after "
                            + t.environment().promoteAfter().toMinutes() + "m without alarms", freezeText, strategy,
                    traffic.steps(), traffic.bake(), gates(t));
        }
        return switch (t.environment().tagPolicy().admits(push.tag())) {
            case TagVerdict.Admitted a when freeze instanceof FreezeVerdict.Frozen -> new PushPlan(t.env(),
                    t.serviceName(), false, SkipReason.FREEZE.code(), a.explanation(), freezeText, strategy,
                    traffic.steps(), traffic.bake(), gates(t));
            case TagVerdict.Admitted a -> new PushPlan(t.env(), t.serviceName(), true, null, a.explanation(),
                    freezeText, strategy, traffic.steps(), traffic.bake(), gates(t));
            case TagVerdict.Rejected r -> new PushPlan(t.env(), t.serviceName(), false, r.reason().code(),
                    r.explanation(), freezeText, strategy, traffic.steps(), traffic.bake(), gates(t));
        };
    }
}
