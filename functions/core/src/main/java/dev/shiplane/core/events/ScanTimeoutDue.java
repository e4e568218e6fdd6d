package dev.shiplane.core.events;

import dev.shiplane.core.image.ImageRef;
import java.time.Instant;

/**
 * Emitted by a one-shot schedule when a deployment awaiting its image scan has waited the gate's timeout. If the
 * deployment still awaits the scan, it is blocked; otherwise the event is ignored.
 */
public record ScanTimeoutDue(String env, String service, String deploymentId, String pushId, ImageRef image,
                             Instant pushedAt, Instant dueAt) implements DomainEvent {

    public static final String DETAIL_TYPE = "Scan Timeout Due";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
