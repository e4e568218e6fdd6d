package dev.shiplane.core.events;

import java.time.Instant;

/**
 * Asks the deploy function to restart a service on its current revision (ECS force-new-deployment), through the
 * deploy path so the ledger records it and the service lease applies. Sent after a secret rotation (new tasks read
 * the new secret value at start) and by operators.
 *
 * @param requestId   idempotency key: the same request id for the same target redeploys once
 * @param requestedBy who asked: {@code rotation:<secret>} or an operator's IAM ARN
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
