package dev.shiplane.core.events;

import dev.shiplane.core.image.ImageRef;
import java.time.Instant;

/** ECS reported the rollout failed (for example the deployment circuit breaker tripped). */
public record DeploymentFailed(String env, String service, String deploymentId, ImageRef image,
                               String taskDefinition, String reason, Instant at) implements DomainEvent {

    public static final String DETAIL_TYPE = "Deployment Failed";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
