package dev.shiplane.core.events;

import java.time.Instant;
import java.util.List;

/**
 * A managed secret has a new AWSCURRENT version. Never carries the value: consumers read it from Secrets Manager.
 *
 * @param secretName key in {@code rotation.secrets} ({@code db-password})
 * @param secretId   the secret's ARN
 * @param versionId  the version now AWSCURRENT (the previous one is AWSPREVIOUS)
 * @param type       the secret kind ({@code postgres}, {@code hmac-key}, …)
 * @param consumers  services that get a {@code Redeploy Requested} in every environment they run in that the
 *                   rotating stack serves (each account's stack restarts its own)
 */
public record SecretRotated(String secretName, String secretId, String versionId, String type,
                            List<String> consumers, Instant at) implements DomainEvent {

    public static final String DETAIL_TYPE = "Secret Rotated";

    public SecretRotated {
        consumers = consumers == null ? List.of() : List.copyOf(consumers);
    }

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
