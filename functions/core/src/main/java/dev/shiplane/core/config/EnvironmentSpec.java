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
 * @param checkEndpoint base URL health and smoke checks send their paths to ({@code https://origin.monynha.dev});
 *                      {@code null} when no service here declares checks
 * @param approval      whether deployments here wait for a person before production traffic moves
 * @param account       the 12-digit AWS account the environment runs in; {@code null} when the configuration names
 *                      no accounts (every environment in the account of the one delivery stack)
 */
public record EnvironmentSpec(String name, String cluster, TagPolicy tagPolicy, String promoteFrom,
                              Duration promoteAfter, ScanGate scanGate, String checkEndpoint, Approval approval,
                              String account) {

    public EnvironmentSpec {
        approval = approval == null ? Approval.NONE : approval;
    }

    /** In the one account of a configuration that names none. */
    public EnvironmentSpec(String name, String cluster, TagPolicy tagPolicy, String promoteFrom,
                           Duration promoteAfter, ScanGate scanGate, String checkEndpoint, Approval approval) {
        this(name, cluster, tagPolicy, promoteFrom, promoteAfter, scanGate, checkEndpoint, approval, null);
    }

    /** Without an approval. */
    public EnvironmentSpec(String name, String cluster, TagPolicy tagPolicy, String promoteFrom,
                           Duration promoteAfter, ScanGate scanGate, String checkEndpoint) {
        this(name, cluster, tagPolicy, promoteFrom, promoteAfter, scanGate, checkEndpoint, Approval.NONE);
    }

    /** Without a check endpoint. */
    public EnvironmentSpec(String name, String cluster, TagPolicy tagPolicy, String promoteFrom,
                           Duration promoteAfter, ScanGate scanGate) {
        this(name, cluster, tagPolicy, promoteFrom, promoteAfter, scanGate, null);
    }

    /** Where one check's request goes: its absolute URL, or its path under this environment's check endpoint. */
    public String checkUrl(dev.shiplane.core.gate.HttpCheck check) {
        if (check.path().startsWith("http://") || check.path().startsWith("https://")) {
            return check.path().replace("{env}", name);
        }
        if (checkEndpoint == null) {
            throw new IllegalStateException("environment " + name + " has no checkEndpoint for check " + check.name());
        }
        var base = checkEndpoint.endsWith("/") ? checkEndpoint.substring(0, checkEndpoint.length() - 1) : checkEndpoint;
        return base + (check.path().startsWith("/") ? "" : "/") + check.path();
    }

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
