package dev.shiplane.core.events;

import java.time.Instant;

/**
 * Emitted by a one-shot EventBridge Scheduler schedule when a step has baked: check the gates, then move on.
 * A step due for a rollout that moved on, finished or was superseded is ignored.
 */
public record CanaryStepDue(String env, String service, String deploymentId, int step, Instant dueAt)
        implements DomainEvent {

    public static final String DETAIL_TYPE = "Canary Step Due";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
