package dev.shiplane.core.events;

import dev.shiplane.core.image.ImageRef;
import java.time.Instant;

/**
 * A gate refused a deployment. When {@code enforced}, {@code Deployment Blocked} follows; a report-only gate
 * changes nothing.
 *
 * @param check    the health or smoke check's name for the {@code pre-traffic} and {@code post-promotion} gates;
 *                 absent for {@code scan}
 * @param evidence why, for people ({@code CRITICAL 1, HIGH 2: findings above MEDIUM are not tolerated})
 */
public record GateFailed(String gate, String check, String env, String service, String deploymentId, ImageRef image,
                         String evidence, boolean enforced, Instant at) implements DomainEvent {

    public static final String DETAIL_TYPE = "Gate Failed";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
