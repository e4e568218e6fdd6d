package dev.shiplane.core.ecsengine;

import java.util.Optional;

/** The service deployments ECS's engine runs for one service: finding the one under way, answering, stopping it. */
public interface ServiceDeployments {

    /** ARN of the service's deployment ECS is running now, if one is. */
    Optional<String> inProgress(String cluster, String ecsService);

    /**
     * Answers a pause hook ({@code ContinueServiceDeployment}): {@code carryOn} lets the deployment go on, otherwise
     * ECS rolls it back. Returns at once; how the deployment ends arrives as an {@code ECS Deployment State Change}.
     */
    void answer(String serviceDeploymentArn, String hookId, boolean carryOn);

    /** Stops the deployment and has ECS roll the service back to the revision it ran before. */
    void stopAndRollBack(String serviceDeploymentArn);
}
