package dev.shiplane.core.rollout;

import dev.shiplane.core.canary.RolloutAction;
import dev.shiplane.core.canary.StepSchedules;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.events.PromotionDue;
import java.time.Instant;
import java.util.List;

/** Which promotions a successful deployment schedules: one per environment that promotes from its environment. */
public final class Promotions {

    private Promotions() {}

    public static List<RolloutAction.ScheduleEvent> after(ShiplaneConfig config, Target source, Deployment succeeded,
                                                          Instant now) {
        // A redeploy restarts the revision already running: there is nothing new to promote, and its image may not
        // even be known (a revision shiplane did not register), which a Promotion Due could not carry.
        if (succeeded.fromTaskDefinition() != null && succeeded.fromTaskDefinition().equals(succeeded.toTaskDefinition())
                // Each environment's stack declares its own settings: a settings change has nothing to promote either.
                || succeeded.settingsChange()) {
            return List.of();
        }
        return config.promotedFrom(source.env()).stream()
                .filter(to -> source.service().environments().contains(to.name()))
                .map(to -> {
                    var due = now.plus(to.promoteAfter());
                    return new RolloutAction.ScheduleEvent(StepSchedules.promotion(succeeded.deploymentId(), to.name()),
                            due, new PromotionDue(source.env(), to.name(), source.serviceName(),
                                    succeeded.deploymentId(), succeeded.pushId(), succeeded.image(),
                                    succeeded.pushedAt(), due));
                })
                .toList();
    }
}
