package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stack update changes in the services' settings task definitions (family {@code shiplane-settings-<env>-
 * <service>}, which no ECS service references): the resources whose properties differ between the template before and
 * the template after, as CloudFormation would update them. Pure.
 */
final class SettingsChanges {

    static final String FAMILY_PREFIX = "shiplane-settings-";

    /** A settings task definition CloudFormation registers anew, with its properties after the update. */
    record Changed(String logicalId, String family, JsonNode properties) {}

    private SettingsChanges() {}

    static List<Changed> between(JsonNode before, JsonNode after) {
        List<Changed> changed = new ArrayList<>();
        after.path("Resources").properties().forEach(entry -> {
            var resource = entry.getValue();
            var family = resource.path("Properties").path("Family").asText("");
            if (!"AWS::ECS::TaskDefinition".equals(resource.path("Type").asText())
                    || !family.startsWith(FAMILY_PREFIX)) {
                return;
            }
            var previous = before.path("Resources").path(entry.getKey());
            if (!previous.path("Properties").equals(resource.path("Properties"))) {
                changed.add(new Changed(entry.getKey(), family, resource.path("Properties")));
            }
        });
        return changed;
    }
}
