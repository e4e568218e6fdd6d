package dev.shiplane.core.events;

import dev.shiplane.core.image.ImageRef;
import java.time.Instant;

/**
 * A deployment on ECS's engine waits for a person before production traffic moves: ECS paused it at its approval hook
 * and rolls it back at {@code expiresAt} unless someone runs {@code command} (or {@code shiplane abort}) first.
 *
 * @param hookId    ECS's id of this wait (a canary or linear step waits again with a new one)
 * @param expiresAt when ECS rolls the deployment back if nobody answers
 * @param command   what to run to let it go on, e.g. {@code shiplane promote prod web}
 */
public record ApprovalRequested(String env, String service, String deploymentId, ImageRef image, String hookId,
                                Instant expiresAt, String command, Instant at) implements DomainEvent {

    public static final String DETAIL_TYPE = "Approval Requested";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
