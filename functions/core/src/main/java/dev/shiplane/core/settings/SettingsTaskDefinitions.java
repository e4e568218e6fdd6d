package dev.shiplane.core.settings;

import java.util.Map;
import java.util.Optional;

/**
 * The container settings the stack declares for a service: a task definition family of their own
 * ({@code shiplane-settings-<env>-<service>}) that no ECS service runs, so a stack update changes them without
 * touching what the service runs. shiplane carries them into the service's own family.
 */
public interface SettingsTaskDefinitions {

    /** The settings family of one service in one environment. */
    static String familyOf(String env, String service) {
        return "shiplane-settings-" + env + "-" + service;
    }

    /** ARN of the newest ACTIVE revision of {@code family}, or empty when the stack declares none. */
    Optional<String> latestRevision(String family);

    /** The image {@code container} runs in {@code taskDefinitionArn}. */
    String imageOf(String taskDefinitionArn, String container);

    /** The settings revision {@code taskDefinitionArn} was built from ({@link #registerFromSettings}), if any. */
    Optional<String> settingsRevisionOf(String taskDefinitionArn);

    /**
     * Registers a revision in {@code family} with everything from {@code settingsArn} (containers, roles, cpu/memory,
     * volumes, tags) except {@code container}'s image, which becomes {@code imageUri}; the revision is tagged with
     * {@code settingsArn} so later revisions copied from it are known to carry these settings.
     *
     * @param labels added to the container's Docker labels and to the revision's tags
     * @return the new revision's ARN
     */
    String registerFromSettings(String settingsArn, String family, String container, String imageUri,
                                Map<String, String> labels);
}
