package dev.shiplane.aws;

import dev.shiplane.core.deploy.TaskDefinitions;
import java.util.Map;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/** {@link TaskDefinitions} on Amazon ECS. */
public final class EcsTaskDefinitions implements TaskDefinitions {

    private final EcsClient ecs;

    public EcsTaskDefinitions(EcsClient ecs) {
        this.ecs = ecs;
    }

    @Override
    public String currentOf(String cluster, String ecsService) {
        var response = ecs.describeServices(r -> r.cluster(cluster).services(ecsService));
        if (response.services().isEmpty()) {
            throw new IllegalStateException("ECS service " + cluster + "/" + ecsService + " does not exist"
                    + (response.failures().isEmpty() ? "" : " (" + response.failures().getFirst().reason() + ")"));
        }
        return response.services().getFirst().taskDefinition();
    }

    @Override
    public String imageOf(String taskDefinitionArn, String container) {
        return ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinitionArn)).taskDefinition()
                .containerDefinitions().stream().filter(c -> c.name().equals(container)).findFirst()
                .orElseThrow(() -> new IllegalStateException("task definition " + taskDefinitionArn
                        + " has no container " + container))
                .image();
    }

    @Override
    public String registerWithImage(String taskDefinitionArn, String container, String imageUri,
                                    Map<String, String> labels) {
        var described = ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinitionArn)
                .include(TaskDefinitionField.TAGS));
        return TaskDefinitionCopies.register(ecs, described, described.taskDefinition().family(), container, imageUri,
                labels);
    }
}
