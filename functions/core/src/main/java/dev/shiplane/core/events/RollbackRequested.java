package dev.shiplane.core.events;

import java.time.Instant;

/**
 * An operator's rollback, put on the bus by the CLI. With {@code all}, every service of {@code env} is rolled back
 * (emergency rollback) and {@code service} is absent; one service failing does not stop the others.
 */
public record RollbackRequested(String env, String service, boolean all, String requestId, String requestedBy,
                                String reason, Instant at) implements DomainEvent {

    public static final String DETAIL_TYPE = "Rollback Requested";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
