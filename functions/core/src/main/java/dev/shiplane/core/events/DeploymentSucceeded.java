package dev.shiplane.core.events;

import dev.shiplane.core.image.ImageRef;
import java.time.Instant;

/** ECS reported the rollout of the deployment's revision complete. */
public record DeploymentSucceeded(String env, String service, String deploymentId, ImageRef image,
                                  String taskDefinition, Instant startedAt, Instant at, long durationSeconds)
        implements DomainEvent {
    @Override
    public String detailType() {
        return "Deployment Succeeded";
    }
}
