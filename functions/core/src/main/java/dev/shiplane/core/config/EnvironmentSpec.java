package dev.shiplane.core.config;

import dev.shiplane.core.gate.ScanGate;
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
 * @param scanGate     the vulnerability-scan gate; {@code null} when images deploy without looking at scans
 */
public record EnvironmentSpec(String name, String cluster, TagPolicy tagPolicy, String promoteFrom,
                              Duration promoteAfter, ScanGate scanGate) {

    /** An environment that takes pushes directly. */
    public EnvironmentSpec(String name, String cluster, TagPolicy tagPolicy) {
        this(name, cluster, tagPolicy, null, null);
    }

    /** An environment without a scan gate. */
    public EnvironmentSpec(String name, String cluster, TagPolicy tagPolicy, String promoteFrom,
                           Duration promoteAfter) {
        this(name, cluster, tagPolicy, promoteFrom, promoteAfter, null);
    }

    public boolean promoted() {
        return promoteFrom != null;
    }
}
