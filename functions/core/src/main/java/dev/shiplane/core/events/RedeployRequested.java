package dev.shiplane.core.events;

import java.time.Instant;

/**
 * Asks the deploy function to restart a service on its current revision (ECS force-new-deployment), through the
 * deploy path so the ledger records it and the service lease applies. Sent only by the rotate function, after a secret
 * rotation (new tasks read the new secret value at start); operators have no redeploy action (the operator entry
 * takes deploy, rollback, promote, abort, pause, resume, freeze and unfreeze).
 *
 * @param requestId   idempotency key: the same request id for the same target redeploys once
 * @param requestedBy who asked: {@code rotation:<secret>}
 * @param reason      one sentence for the history
 */
public record RedeployRequested(String env, String service, String requestId, String requestedBy, String reason,
                                Instant at) implements DomainEvent {

    public static final String DETAIL_TYPE = "Redeploy Requested";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
