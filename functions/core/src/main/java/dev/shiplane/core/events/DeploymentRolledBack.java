package dev.shiplane.core.events;

import dev.shiplane.core.image.ImageRef;
import java.time.Instant;

/**
 * A deployment was undone: traffic is back on the live colour, or the service runs its last known-good revision.
 *
 * @param trigger                 {@code alarm}, {@code ecs-failure} or {@code manual}
 * @param reason                  alarm name and state reason, ECS's failure reason, or the operator's words
 * @param restoredTaskDefinition  the revision serving now
 * @param rolledBackTaskDefinition the revision taken out of service
 * @param alarmAt                 when CloudWatch changed the triggering alarm's state (trigger {@code alarm});
 *                                {@code null} otherwise. Time to restore runs from here to {@code at}
 */
public record DeploymentRolledBack(String env, String service, String deploymentId, ImageRef image, String trigger,
                                   String reason, String restoredTaskDefinition, String rolledBackTaskDefinition,
                                   Instant at, Instant alarmAt) implements DomainEvent {

    /** A rollback with no alarm time (an ECS failure, a request). */
    public DeploymentRolledBack(String env, String service, String deploymentId, ImageRef image, String trigger,
                                String reason, String restoredTaskDefinition, String rolledBackTaskDefinition,
                                Instant at) {
        this(env, service, deploymentId, image, trigger, reason, restoredTaskDefinition, rolledBackTaskDefinition, at,
                null);
    }

    public static final String DETAIL_TYPE = "Deployment Rolled Back";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
