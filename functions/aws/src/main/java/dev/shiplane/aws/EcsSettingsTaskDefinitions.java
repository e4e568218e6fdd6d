package dev.shiplane.aws;

import dev.shiplane.core.settings.SettingsChangeService;
import dev.shiplane.core.settings.SettingsTaskDefinitions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/** {@link SettingsTaskDefinitions} on Amazon ECS: describes and registers task definitions, nothing else. */
public final class EcsSettingsTaskDefinitions implements SettingsTaskDefinitions {

    private final EcsClient ecs;

    public EcsSettingsTaskDefinitions(EcsClient ecs) {
        this.ecs = ecs;
    }

    @Override
    public Optional<String> latestRevision(String family) {
        try {
            // A family name alone names its newest ACTIVE revision (a family prefix listing would also match
            // shiplane-settings-prod-web-api for shiplane-settings-prod-web).
            return Optional.of(ecs.describeTaskDefinition(r -> r.taskDefinition(family)).taskDefinition()
                    .taskDefinitionArn());
        } catch (ClientException unknownFamily) {
            return Optional.empty();
        }
    }

    @Override
    public String imageOf(String taskDefinitionArn, String container) {
        return ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinitionArn)).taskDefinition()
                .containerDefinitions().stream().filter(c -> c.name().equals(container)).findFirst()
                .orElseThrow(() -> new IllegalStateException("task definition " + taskDefinitionArn
                        + " has no container '" + container + "'"))
                .image();
    }

    @Override
    public Optional<String> settingsRevisionOf(String taskDefinitionArn) {
        return ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinitionArn).include(TaskDefinitionField.TAGS))
                .tags().stream().filter(t -> SettingsChangeService.LABEL_SETTINGS.equals(t.key())).findFirst()
                .map(t -> t.value());
    }

    @Override
    public String registerFromSettings(String settingsArn, String family, String container, String imageUri,
                                       Map<String, String> labels) {
        var described = ecs.describeTaskDefinition(r -> r.taskDefinition(settingsArn)
                .include(TaskDefinitionField.TAGS));
        // The port promises the settings tag whatever labels the caller passes: later revisions are known by it.
        var tagged = new HashMap<>(labels);
        tagged.put(SettingsChangeService.LABEL_SETTINGS, settingsArn);
        return TaskDefinitionCopies.register(ecs, described, family, container, imageUri, tagged);
    }
}
