package dev.shiplane.core.events;

import dev.shiplane.core.image.ImageRef;
import java.time.Instant;

/**
 * Published by the delivery stack of {@code fromEnv}'s account when a promotion came due and the source side's checks
 * passed (the deployment still succeeded, still runs there, its alarms are quiet), but {@code toEnv} is served by
 * another account's stack. EventBridge forwards it to that account's {@code shiplane} bus, where the deploy function
 * checks the sender and applies the target side of the promotion (same digest, scan gate, quarantine, freeze).
 *
 * @param deploymentId the source deployment that earned the promotion
 * @param at           when the source side cleared it
 */
public record PromotionCleared(String fromEnv, String toEnv, String service, String deploymentId, String pushId,
                               ImageRef image, Instant pushedAt, Instant at) implements DomainEvent {

    public static final String DETAIL_TYPE = "Promotion Cleared";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
