package dev.shiplane.core.events;

import java.time.Instant;

/**
 * Emitted by a one-shot schedule one bake period after a rolling deployment completed: if it is still the running
 * deployment and its alarms are quiet, it becomes known-good (a rollback target).
 */
public record VerificationDue(String env, String service, String deploymentId, Instant dueAt) implements DomainEvent {

    public static final String DETAIL_TYPE = "Verification Due";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
