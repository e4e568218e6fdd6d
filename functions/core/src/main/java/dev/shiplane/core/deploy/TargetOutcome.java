package dev.shiplane.core.deploy;

/**
 * What happened to one target: {@code env}, {@code service} and {@code deploymentId} are {@code null} when the push
 * reached no target at all (an unknown repository).
 */
public record TargetOutcome(String env, String service, String deploymentId, DeployResult result) {}
