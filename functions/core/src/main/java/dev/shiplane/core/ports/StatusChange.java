package dev.shiplane.core.ports;

import dev.shiplane.core.deploy.DeploymentStatus;
import java.time.Instant;

/** A deployment's new status, written in place without reading the deployment first. */
public record StatusChange(String deploymentId, DeploymentStatus status, String reason, Instant at) {}
