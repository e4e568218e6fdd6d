package dev.shiplane.aws;

import dev.shiplane.core.ports.TaskDefinitions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
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
    public String registerWithImage(String taskDefinitionArn, String container, String imageUri,
                                    Map<String, String> labels) {
        var described = ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinitionArn)
                .include(TaskDefinitionField.TAGS));
        var td = described.taskDefinition();
        var containers = replaceImage(td, container, imageUri, labels);
        List<Tag> tags = new ArrayList<>(described.tags().stream()
                .filter(t -> !labels.containsKey(t.key())).toList());
        labels.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        var registered = ecs.registerTaskDefinition(r -> r
                .family(td.family())
                .taskRoleArn(td.taskRoleArn())
                .executionRoleArn(td.executionRoleArn())
                .networkMode(td.networkMode())
                .containerDefinitions(containers)
                .volumes(td.volumes())
                .placementConstraints(td.placementConstraints())
                .requiresCompatibilities(td.requiresCompatibilities())
                .cpu(td.cpu())
                .memory(td.memory())
                .pidMode(td.pidMode())
                .ipcMode(td.ipcMode())
                .proxyConfiguration(td.proxyConfiguration())
                .inferenceAccelerators(td.inferenceAccelerators())
                .ephemeralStorage(td.ephemeralStorage())
                .runtimePlatform(td.runtimePlatform())
                .enableFaultInjection(td.enableFaultInjection())
                .tags(tags.isEmpty() ? null : tags));
        return registered.taskDefinition().taskDefinitionArn();
    }

    private static List<ContainerDefinition> replaceImage(TaskDefinition td, String container, String imageUri,
                                                          Map<String, String> labels) {
        if (td.containerDefinitions().stream().noneMatch(c -> c.name().equals(container))) {
            throw new IllegalStateException("task definition " + td.taskDefinitionArn() + " has no container '"
                    + container + "' (containers: " + td.containerDefinitions().stream()
                    .map(ContainerDefinition::name).toList() + ")");
        }
        return td.containerDefinitions().stream().map(c -> {
            if (!c.name().equals(container)) {
                return c;
            }
            Map<String, String> dockerLabels = new LinkedHashMap<>(c.dockerLabels());
            dockerLabels.putAll(labels);
            return c.toBuilder().image(imageUri).dockerLabels(dockerLabels).build();
        }).toList();
    }
}
