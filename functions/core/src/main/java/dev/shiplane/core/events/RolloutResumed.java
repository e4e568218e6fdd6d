package dev.shiplane.core.events;

import java.time.Instant;

/** A paused rollout continues; its next step is due after one more bake. */
public record RolloutResumed(String env, String service, String deploymentId, int canaryWeight, Instant nextCheckAt,
                             String requestedBy, Instant at) implements DomainEvent {

    public static final String DETAIL_TYPE = "Rollout Resumed";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
