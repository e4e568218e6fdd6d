package dev.shiplane.core.events;

import dev.shiplane.core.image.ImageRef;
import java.time.Instant;

/**
 * Emitted by a one-shot schedule when a deployment has baked in {@code fromEnv} long enough to be promoted to
 * {@code toEnv}. The promotion happens only if that deployment is still the one running there and its alarms are OK.
 */
public record PromotionDue(String fromEnv, String toEnv, String service, String deploymentId, String pushId,
                           ImageRef image, Instant pushedAt, Instant dueAt)
        implements DomainEvent {

    public static final String DETAIL_TYPE = "Promotion Due";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
