package dev.shiplane.core.events;

import dev.shiplane.core.image.ImageRef;
import java.time.Instant;

/** A deployment completed and stayed alarm-free for its bake period: its revision is now a rollback target. */
public record DeploymentVerified(String env, String service, String deploymentId, ImageRef image,
                                 String taskDefinition, Instant at) implements DomainEvent {

    public static final String DETAIL_TYPE = "Deployment Verified";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
