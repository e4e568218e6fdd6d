package dev.shiplane.contract.inbound;

import dev.shiplane.core.config.ServedEnvironments;
import java.util.Optional;

/**
 * The one check every function makes before acting on an event: is the environment it concerns served by this
 * delivery stack? An event for an environment served by another account's stack is left to that stack.
 */
public final class ServedEvents {

    private ServedEvents() {}

    /** Why {@code event} is left alone here; empty when it concerns a served environment, or none in particular. */
    public static Optional<String> notServed(ServedEnvironments served, InboundEvent event) {
        return environmentOf(event).flatMap(served::notServed);
    }

    /**
     * The environment an event asks to act in. Empty for events that name none (a push, which the deploy function
     * narrows to served targets itself) and for AWS's own events, which arrive only in the account whose resources
     * they concern. A {@code Promotion Due} acts in its source environment (whose stack scheduled it), a
     * {@code Promotion Cleared} in its target.
     */
    static Optional<String> environmentOf(InboundEvent event) {
        return Optional.ofNullable(switch (event) {
            case InboundEvent.Promotion p -> p.due().fromEnv();
            case InboundEvent.PromotionClearance c -> c.cleared().toEnv();
            case InboundEvent.CanaryStep c -> c.due().env();
            case InboundEvent.RolloutRequest r -> r.command().env();
            case InboundEvent.Redeploy r -> r.request().env();
            case InboundEvent.ManualDeploy m -> m.request().env();
            case InboundEvent.Verification v -> v.due().env();
            case InboundEvent.Succeeded s -> s.succeeded().env();
            case InboundEvent.RollbackRequest r -> r.request().env();
            case InboundEvent.ScanTimeout s -> s.due().env();
            case InboundEvent.HealthCheck h -> h.due().env();
            case InboundEvent.GateResult g -> g.env();
            case InboundEvent.EcrImageAction e -> null;
            case InboundEvent.ImagePushedEvent e -> null;
            case InboundEvent.EcsDeployment e -> null;
            case InboundEvent.AlarmStateChange e -> null;
            case InboundEvent.ImageScan e -> null;
            case InboundEvent.EcsHookState e -> null;
            case InboundEvent.StackStatusChange e -> null;
            case InboundEvent.Unsupported e -> null;
        });
    }
}
