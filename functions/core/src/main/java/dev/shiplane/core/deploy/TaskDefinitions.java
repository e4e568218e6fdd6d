package dev.shiplane.core.deploy;

import java.util.Map;

/** Task definitions of ECS services: what a service runs now, and new revisions that differ only in one image. */
public interface TaskDefinitions {

    /** ARN of the task definition the service is currently set to run. */
    String currentOf(String cluster, String ecsService);

    /**
     * The image URI {@code container} runs in the revision: for a revision shiplane did not register, whose image
     * the ledger does not know. One DescribeTaskDefinition.
     *
     * @throws IllegalStateException when the task definition has no container of that name
     */
    String imageOf(String taskDefinitionArn, String container);

    /**
     * Registers a new revision of {@code taskDefinitionArn} in which only {@code container}'s image is replaced by
     * {@code imageUri}; everything else (environment, secrets, roles, cpu/memory, logging, tags) is carried over.
     *
     * @param labels added to the container's Docker labels and to the revision's tags (tag, deployment id)
     * @return the new revision's ARN
     * @throws IllegalStateException when the task definition has no container of that name
     */
    String registerWithImage(String taskDefinitionArn, String container, String imageUri, Map<String, String> labels);
}
