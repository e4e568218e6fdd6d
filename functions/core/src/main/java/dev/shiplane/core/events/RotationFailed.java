package dev.shiplane.core.events;

import java.time.Instant;

/**
 * A rotation stopped before its end, or did not start. AWSCURRENT still names working credentials: a failed step
 * never moves it.
 *
 * @param step   the step that failed ({@code createSecret}, {@code setSecret}, {@code testSecret},
 *               {@code finishSecret})
 * @param reason one sentence for people; never contains a secret value
 */
public record RotationFailed(String secretName, String secretId, String step, String reason, Instant at)
        implements DomainEvent {

    public static final String DETAIL_TYPE = "Rotation Failed";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
