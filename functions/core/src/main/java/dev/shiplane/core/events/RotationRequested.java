package dev.shiplane.core.events;

import java.time.Instant;

/**
 * Asks the rotation function to rotate one managed secret now, outside the schedule. Operators put it on the
 * shiplane bus.
 *
 * @param secret      key in {@code rotation.secrets} ({@code jwt-secret})
 * @param requestId   idempotency key: the same request id rotates once, and a redelivery resumes that rotation
 * @param requestedBy who asked (an IAM ARN or a person's name), for the history
 */
public record RotationRequested(String secret, String requestId, String requestedBy, Instant at)
        implements DomainEvent {

    public static final String DETAIL_TYPE = "Rotation Requested";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
