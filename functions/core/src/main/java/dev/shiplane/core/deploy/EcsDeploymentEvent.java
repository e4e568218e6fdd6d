package dev.shiplane.core.deploy;

import java.time.Instant;

/**
 * ECS's report on a service deployment ({@code ECS Deployment State Change}).
 *
 * @param eventName       {@code SERVICE_DEPLOYMENT_IN_PROGRESS}, {@code _COMPLETED} or {@code _FAILED}
 * @param ecsDeploymentId ECS's deployment id ({@code ecs-svc/…})
 */
public record EcsDeploymentEvent(String eventId, String cluster, String ecsService, String ecsDeploymentId,
                                 String eventName, String reason, Instant at) {

    public static final String COMPLETED = "SERVICE_DEPLOYMENT_COMPLETED";
    public static final String FAILED = "SERVICE_DEPLOYMENT_FAILED";
}
