package dev.shiplane.core.events;

import java.time.Instant;

/**
 * An operator froze an environment ({@code shiplane freeze}): until {@code until}, pushes into it are
 * {@code Deployment Skipped} with reason {@code freeze}; rollbacks still run.
 *
 * @param requestedBy the operator's IAM ARN
 */
public record FreezeStarted(String env, String reason, Instant until, String requestedBy, Instant at)
        implements DomainEvent {

    public static final String DETAIL_TYPE = "Freeze Started";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
