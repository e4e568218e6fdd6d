package dev.shiplane.core.deploy;

import dev.shiplane.core.config.ServedEnvironments;
import dev.shiplane.core.ledger.DeploymentId;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.events.DeploymentSkipped;
import dev.shiplane.core.events.PromotionCleared;
import dev.shiplane.core.events.PromotionDue;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.rollout.AlarmReader;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.ledger.Ledger;
import java.time.Clock;
import java.util.List;

/**
 * Use case: a promotion came due. The image goes to the next environment only if the deployment that earned the
 * promotion still succeeded, is still what runs in the source environment, and the source's alarms are quiet now.
 * Those are the source side's checks, made by the stack serving the source; the target side (same digest, scan gate,
 * quarantine, freeze: {@link DeployService#promote}) is made by the stack serving the target. When that is another
 * account's stack, {@code Promotion Cleared} carries the promotion to it ({@link PromotionRouting}).
 */
public final class PromotionService {

    private final ShiplaneConfig config;
    private final ServedEnvironments served;
    private final Ledger ledger;
    private final AlarmReader alarms;
    private final DeployService deployments;
    private final EventBus bus;
    private final Clock clock;

    public PromotionService(ShiplaneConfig config, ServedEnvironments served, Ledger ledger, AlarmReader alarms,
                            DeployService deployments, EventBus bus, Clock clock) {
        this.config = config;
        this.served = served;
        this.ledger = ledger;
        this.alarms = alarms;
        this.deployments = deployments;
        this.bus = bus;
        this.clock = clock;
    }

    /** Serving every environment, as one delivery stack does. */
    public PromotionService(ShiplaneConfig config, Ledger ledger, AlarmReader alarms, DeployService deployments,
                            EventBus bus, Clock clock) {
        this(config, ServedEnvironments.all(), ledger, alarms, deployments, bus, clock);
    }

    /** The source side: check the source deployment, then promote here or clear the promotion for the target's account. */
    public TargetOutcome onDue(PromotionDue due) {
        var route = PromotionRouting.onDue(config, served, due.fromEnv(), due.toEnv(), due.service());
        if (route instanceof PromotionRoute.NotHere(var why)) return ignored(due.toEnv(), due.service(), why);
        var why = notPromotable(due, config.target(due.fromEnv(), due.service()).orElseThrow().alarms());
        var deploymentId = DeploymentId.of(due.pushId(), due.toEnv(), due.service());
        if (why != null) {
            bus.publish(new DeploymentSkipped(due.toEnv(), due.service(), deploymentId, due.pushId(), due.image(),
                    SkipReason.NOT_PROMOTABLE.code(), why, clock.instant()));
            return new TargetOutcome(due.toEnv(), due.service(), deploymentId,
                    new DeployResult.Skipped(SkipReason.NOT_PROMOTABLE));
        }
        return switch (route) {
            case PromotionRoute.Here here -> deployments.promote(due.image().asPush(due.pushId(), due.pushedAt()),
                    here.target());
            case PromotionRoute.OtherAccount other -> {
                bus.publish(new PromotionCleared(due.fromEnv(), due.toEnv(), due.service(), due.deploymentId(),
                        due.pushId(), due.image(), due.pushedAt(), clock.instant()));
                yield new TargetOutcome(due.toEnv(), due.service(), deploymentId,
                        new DeployResult.Cleared(other.account()));
            }
            case PromotionRoute.NotHere notHere -> ignored(due.toEnv(), due.service(), notHere.why());
            case PromotionRoute.Refused refused -> ignored(due.toEnv(), due.service(), refused.why());
        };
    }

    /**
     * The target side of a promotion the source environment's account cleared: from that account only, into an
     * environment served here that promotes from that source, then exactly as a promotion within one stack.
     */
    public TargetOutcome onCleared(PromotionCleared cleared, String senderAccount) {
        return switch (PromotionRouting.onCleared(config, served, cleared, senderAccount)) {
            case PromotionRoute.Here here -> deployments.promote(
                    cleared.image().asPush(cleared.pushId(), cleared.pushedAt()), here.target());
            case PromotionRoute.OtherAccount other -> ignored(cleared.toEnv(), cleared.service(),
                    "cleared for account " + other.account());
            case PromotionRoute.NotHere notHere -> ignored(cleared.toEnv(), cleared.service(), notHere.why());
            case PromotionRoute.Refused refused -> ignored(cleared.toEnv(), cleared.service(),
                    "refused: " + refused.why());
        };
    }

    private static TargetOutcome ignored(String env, String service, String why) {
        return new TargetOutcome(env, service, null, new DeployResult.Ignored(why));
    }

    private String notPromotable(PromotionDue due, List<String> gates) {
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
