package dev.shiplane.core.rollout;

import dev.shiplane.core.ecsengine.NativeDeploymentSettings;

/** Pointing an ECS service at a task-definition revision. */
public interface ServiceRollouts {

    /**
     * Starts a rolling deployment of {@code taskDefinitionArn} and returns immediately: completion is reported by
     * ECS as an {@code ECS Deployment State Change} event, never waited for.
     *
     * @return ECS's id of the new (PRIMARY) deployment, e.g. {@code ecs-svc/1234567890}
     */
    String roll(String cluster, String ecsService, String taskDefinitionArn);

    /**
     * Like {@link #roll}, for a service on ECS's engine: the update also carries the service's deployment settings
     * (strategy, bakes, alarm rollback, lifecycle hooks), so ECS runs its own canary, linear or blue/green deployment
     * of the revision, and no update leaves the service on settings the configuration no longer has.
     */
    String roll(String cluster, String ecsService, String taskDefinitionArn, NativeDeploymentSettings settings);

    /** Like {@link #roll}, also setting the desired count (a progressive service's idle colour starts at full size). */
    String roll(String cluster, String ecsService, String taskDefinitionArn, int desiredCount);

    /** The service's desired task count. */
    int desiredCount(String cluster, String ecsService);

    /** Replaces every task on the same revision (ECS force-new-deployment): tasks re-read secrets when they start. */
    String restart(String cluster, String ecsService);

    /** Sets the desired count only (scaling a colour down after promotion or rollback). */
    void scale(String cluster, String ecsService, int desiredCount);
}
