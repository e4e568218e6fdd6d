package dev.shiplane.core.deploy;

/** What happened to one target of a push: {@code started}, {@code skipped:<reason>}, {@code announced}, {@code busy}. */
public record TargetOutcome(String env, String service, String deploymentId, String result) {}
