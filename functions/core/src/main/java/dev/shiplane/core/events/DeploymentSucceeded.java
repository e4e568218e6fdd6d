package dev.shiplane.core.events;

import dev.shiplane.core.image.ImageRef;
import java.time.Instant;

/**
 * ECS reported the rollout of the deployment's revision complete (or a canary was promoted).
 *
 * @param pushedAt when the registry accepted the image's push ({@code null} when unknown): lead time runs from here
 */
public record DeploymentSucceeded(String env, String service, String deploymentId, ImageRef image,
                                  String taskDefinition, Instant startedAt, Instant at, long durationSeconds,
                                  Instant pushedAt) implements DomainEvent {

    public DeploymentSucceeded(String env, String service, String deploymentId, ImageRef image, String taskDefinition,
                               Instant startedAt, Instant at, long durationSeconds) {
        this(env, service, deploymentId, image, taskDefinition, startedAt, at, durationSeconds, null);
    }

    public static final String DETAIL_TYPE = "Deployment Succeeded";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
