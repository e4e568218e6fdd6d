package dev.shiplane.core.events;

import java.time.Instant;

/**
 * An operator lifted an environment's ad-hoc freeze ({@code shiplane unfreeze}) before it ended; calendar freeze
 * windows of shiplane.yml still apply.
 *
 * @param reason why the freeze was set (the lifted freeze's own reason)
 * @param requestedBy the operator's IAM ARN
 */
public record FreezeLifted(String env, String reason, String requestedBy, Instant at) implements DomainEvent {

    public static final String DETAIL_TYPE = "Freeze Lifted";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
