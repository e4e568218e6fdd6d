package dev.shiplane.core.ledger;

import java.time.Instant;

/**
 * A deployment's new status, written in place without reading the deployment first.
 *
 * @param alarmAt for a rollback on an alarm, when the alarm changed state ({@code null} otherwise)
 */
public record StatusChange(String deploymentId, DeploymentStatus status, String reason, Instant at, Instant alarmAt) {

    public StatusChange(String deploymentId, DeploymentStatus status, String reason, Instant at) {
        this(deploymentId, status, reason, at, null);
    }
}
