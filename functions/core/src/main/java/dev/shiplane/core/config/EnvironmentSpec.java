package dev.shiplane.core.config;

import dev.shiplane.core.policy.TagPolicy;
import java.time.Duration;

/**
 * One deployment environment: an ECS cluster and the tags it accepts.
 *
 * @param name      key in {@code environments:} (e.g. {@code staging})
 * @param cluster   ECS cluster name
 * @param tagPolicy which pushed tags are deployed here
 * @param promoteFrom  environment whose successful deployments are promoted here; {@code null} if pushes deploy directly
 * @param promoteAfter how long the source deployment must stay alarm-free before promotion
 */
public record EnvironmentSpec(String name, String cluster, TagPolicy tagPolicy, String promoteFrom,
                              Duration promoteAfter) {

    /** An environment that takes pushes directly. */
    public EnvironmentSpec(String name, String cluster, TagPolicy tagPolicy) {
        this(name, cluster, tagPolicy, null, null);
    }

    public boolean promoted() {
        return promoteFrom != null;
    }
}
