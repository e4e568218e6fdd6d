package dev.shiplane.core.events;

import java.time.Instant;

/** An operator paused a rollout at its current weight; due steps wait until it is resumed. */
public record RolloutPaused(String env, String service, String deploymentId, int canaryWeight, String requestedBy,
                            Instant at) implements DomainEvent {

    public static final String DETAIL_TYPE = "Rollout Paused";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
