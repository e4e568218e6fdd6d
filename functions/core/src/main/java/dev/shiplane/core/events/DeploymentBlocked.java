package dev.shiplane.core.events;

import dev.shiplane.core.image.ImageRef;
import java.time.Instant;

/** A gate stopped a deployment before anything was deployed; the service runs what it ran before. */
public record DeploymentBlocked(String env, String service, String deploymentId, String pushId, ImageRef image,
                                String gate, String reason, Instant at) implements DomainEvent {

    public static final String DETAIL_TYPE = "Deployment Blocked";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
