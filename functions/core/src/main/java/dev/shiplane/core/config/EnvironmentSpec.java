package dev.shiplane.core.config;

import dev.shiplane.core.policy.TagPolicy;

/**
 * One deployment environment: an ECS cluster and the tags it accepts.
 *
 * @param name      key in {@code environments:} (e.g. {@code staging})
 * @param cluster   ECS cluster name
 * @param tagPolicy which pushed tags are deployed here
 */
public record EnvironmentSpec(String name, String cluster, TagPolicy tagPolicy) {}
