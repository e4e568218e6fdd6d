package dev.shiplane.core.events;

import dev.shiplane.core.image.ImageRef;
import java.time.Instant;

/** A rollout stopped on request or because a newer image replaced it; traffic is back on the live colour. */
public record DeploymentAborted(String env, String service, String deploymentId, ImageRef image, String reason,
                                String requestedBy, Instant at) implements DomainEvent {

    public static final String DETAIL_TYPE = "Deployment Aborted";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
