package dev.shiplane.core.events;

import dev.shiplane.core.image.ImageRef;
import java.time.Instant;

/**
 * Asks the checks function for one attempt of a health or smoke check. The canary function publishes attempt 1 when
 * a rollout reaches a check phase; the checks function schedules each retry as a one-shot schedule emitting the next
 * attempt, so no invocation ever waits.
 *
 * @param phase   {@code pre-traffic} (requests carry {@code X-Shiplane-Colour: <colour>} so only the new colour
 *                answers) or {@code post-promotion} (the live service, as users reach it)
 * @param colour  the new colour ({@code blue} or {@code green})
 * @param attempt 1-based
 */
public record HealthCheckDue(String env, String service, String deploymentId, ImageRef image, String check,
                             String phase, String colour, int attempt, Instant dueAt) implements DomainEvent {

    public static final String DETAIL_TYPE = "Health Check Due";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
