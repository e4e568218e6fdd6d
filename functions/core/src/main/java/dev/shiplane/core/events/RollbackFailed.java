package dev.shiplane.core.events;

import java.time.Instant;

/** A rollback that could not be done, loudly: typically no known-good revision exists to return to. */
public record RollbackFailed(String env, String service, String deploymentId, String trigger, String reason,
                             Instant at) implements DomainEvent {

    public static final String DETAIL_TYPE = "Rollback Failed";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
