package dev.shiplane.core.events;

import dev.shiplane.core.image.ImageRef;
import java.time.Instant;

/**
 * A push that did not become a deployment, and why. {@code env}, {@code service} and {@code deploymentId} are
 * absent when no target was found ({@code unknown-repository}).
 *
 * @param reason machine-readable code (see {@link SkipReason})
 * @param detail one sentence for people
 */
public record DeploymentSkipped(String env, String service, String deploymentId, String pushId, ImageRef image,
                                String reason, String detail, Instant at) implements DomainEvent {

    public static final String DETAIL_TYPE = "Deployment Skipped";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
