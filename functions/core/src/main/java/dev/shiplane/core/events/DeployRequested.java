package dev.shiplane.core.events;

import java.time.Instant;

/**
 * An operator's manual deploy ({@code shiplane deploy <env> <service> <tag|digest>}), put on the bus for the deploy
 * function, so the deploy path's lease, ledger and events apply as for a push. An explicit deploy is the one way a
 * quarantined digest is taken again.
 *
 * @param tag         the tag to deploy; the deploy function resolves it to a digest in the service's repository
 * @param digest      {@code sha256:…} when the operator named a digest (then {@code tag} may be absent)
 * @param requestId   idempotency key: the same request deploys once
 * @param requestedBy the operator's IAM ARN
 */
public record DeployRequested(String env, String service, String tag, String digest, String requestId,
                              String requestedBy, String reason, Instant at) implements DomainEvent {

    public static final String DETAIL_TYPE = "Deploy Requested";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
