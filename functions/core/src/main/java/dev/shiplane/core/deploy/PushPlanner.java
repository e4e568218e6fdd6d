package dev.shiplane.core.deploy;

import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.config.TargetResolver;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.policy.TagVerdict;
import java.util.List;

/**
 * {@code shiplane plan}: the decisions a push would meet on the deploy path (targets, promotion, tag policy), in the
 * same order {@link DeployService} meets them, as data. Pure: it reads the configuration only, so a plan changes
 * nothing. Ledger-dependent outcomes (duplicate, superseded, quarantined) are not predicted.
 */
public final class PushPlanner {

    private PushPlanner() {}

    /** One plan per target in configuration order; empty when no service takes images from the push's repository. */
    public static List<PushPlan> plan(ShiplaneConfig config, ImagePush push) {
        return TargetResolver.resolve(config, push).stream().map(t -> plan(t, push)).toList();
    }

    private static PushPlan plan(Target t, ImagePush push) {
        var traffic = t.service().traffic();
        var strategy = t.service().strategy().code();
        if (t.environment().promoted()) {
            return new PushPlan(t.env(), t.serviceName(), false, SkipReason.PROMOTION.code(),
                    "takes images by promotion from " + t.environment().promoteFrom() + " after "
                            + t.environment().promoteAfter().toMinutes() + "m without alarms", "none", strategy,
                    traffic.steps(), traffic.bake());
        }
        return switch (t.environment().tagPolicy().admits(push.tag())) {
            case TagVerdict.Admitted a -> new PushPlan(t.env(), t.serviceName(), true, null, a.explanation(), "none",
                    strategy, traffic.steps(), traffic.bake());
            case TagVerdict.Rejected r -> new PushPlan(t.env(), t.serviceName(), false, r.reason().code(),
                    r.explanation(), "none", strategy, traffic.steps(), traffic.bake());
        };
    }
}
