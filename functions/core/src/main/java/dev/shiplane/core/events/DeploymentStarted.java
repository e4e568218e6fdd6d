package dev.shiplane.core.events;

import dev.shiplane.core.image.ImageRef;
import java.time.Instant;

/** A new task-definition revision was registered and the ECS service now points at it. */
public record DeploymentStarted(String env, String service, String deploymentId, String pushId, ImageRef image,
                                String cluster, String ecsService, String strategy, String fromTaskDefinition,
                                String toTaskDefinition, Instant at) implements DomainEvent {

    public static final String DETAIL_TYPE = "Deployment Started";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
