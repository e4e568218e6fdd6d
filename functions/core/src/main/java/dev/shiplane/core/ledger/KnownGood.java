package dev.shiplane.core.ledger;

import java.time.Instant;

/**
 * A revision that is safe to return to: it completed and stayed alarm-free for its bake period, or it was running
 * before shiplane first deployed the service (the baseline, {@code deploymentId} null).
 */
public record KnownGood(String deploymentId, String taskDefinition, String digest, Instant verifiedAt) {

    public boolean baseline() {
        return deploymentId == null;
    }
}
