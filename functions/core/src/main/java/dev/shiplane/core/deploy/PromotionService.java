package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.DeploymentId;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.events.DeploymentSkipped;
import dev.shiplane.core.events.PromotionDue;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.rollout.AlarmReader;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.ledger.Ledger;
import java.time.Clock;

/**
 * Use case: a promotion came due. The image goes to the next environment only if the deployment that earned the
 * promotion still succeeded, is still what runs in the source environment, and the source's alarms are quiet now.
 */
public final class PromotionService {

    private final ShiplaneConfig config;
    private final Ledger ledger;
    private final AlarmReader alarms;
    private final DeployService deployments;
    private final EventBus bus;
    private final Clock clock;

    public PromotionService(ShiplaneConfig config, Ledger ledger, AlarmReader alarms, DeployService deployments,
                            EventBus bus, Clock clock) {
        this.config = config;
        this.ledger = ledger;
        this.alarms = alarms;
        this.deployments = deployments;
        this.bus = bus;
        this.clock = clock;
    }

    public TargetOutcome onDue(PromotionDue due) {
        var source = config.target(due.fromEnv(), due.service());
        var target = config.target(due.toEnv(), due.service());
        if (source.isEmpty() || target.isEmpty()) {
            return new TargetOutcome(due.toEnv(), due.service(), null, new DeployResult.Ignored(due.service()
                    + " does not run in both " + due.fromEnv() + " and " + due.toEnv()));
        }
        var why = notPromotable(due, source.get().alarms());
        var push = due.image().asPush(due.pushId(), due.pushedAt());
        if (why != null) {
            var deploymentId = DeploymentId.of(due.pushId(), due.toEnv(), due.service());
            bus.publish(new DeploymentSkipped(due.toEnv(), due.service(), deploymentId, due.pushId(), due.image(),
                    SkipReason.NOT_PROMOTABLE.code(), why, clock.instant()));
            return new TargetOutcome(due.toEnv(), due.service(), deploymentId,
                    new DeployResult.Skipped(SkipReason.NOT_PROMOTABLE));
        }
        return deployments.promote(push, target.get());
    }

    private String notPromotable(PromotionDue due, java.util.List<String> gates) {
        var state = ledger.serviceState(due.fromEnv(), due.service());
        var deployment = ledger.deployment(due.fromEnv(), due.service(), due.deploymentId());
        if (deployment.isEmpty() || deployment.get().status() != DeploymentStatus.SUCCEEDED) {
            return "deployment " + due.deploymentId() + " in " + due.fromEnv() + " is "
                    + deployment.map(d -> d.status().code()).orElse("unknown");
        }
        if (!due.deploymentId().equals(state.activeDeploymentId())) {
            return due.fromEnv() + " now runs deployment " + state.activeDeploymentId() + ", not " + due.deploymentId();
        }
        var failure = alarms.read(gates).failure();
        return failure == null ? null : due.fromEnv() + " alarms are not quiet: " + failure;
    }
}
