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
 */
public record DeploymentRolledBack(String env, String service, String deploymentId, ImageRef image, String trigger,
                                   String reason, String restoredTaskDefinition, String rolledBackTaskDefinition,
                                   Instant at) implements DomainEvent {
    @Override
    public String detailType() {
        return "Deployment Rolled Back";
    }
}
