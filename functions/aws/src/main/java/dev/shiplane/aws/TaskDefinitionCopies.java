package dev.shiplane.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** A new task definition revision copied from a described one with one container's image replaced. */
final class TaskDefinitionCopies {

    private TaskDefinitionCopies() {}

    /**
     * Registers a revision in {@code family} that repeats {@code described} (its tags included) except for
     * {@code container}'s image, which becomes {@code imageUri}, and {@code labels}, added as Docker labels and tags.
     */
    static String register(EcsClient ecs, DescribeTaskDefinitionResponse described, String family, String container,
                           String imageUri, Map<String, String> labels) {
        var td = described.taskDefinition();
        var containers = replaceImage(td, container, imageUri, labels);
        List<Tag> tags = new ArrayList<>(described.tags().stream()
                .filter(t -> !labels.containsKey(t.key())).toList());
        labels.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        var registered = ecs.registerTaskDefinition(r -> r
                .family(family)
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
