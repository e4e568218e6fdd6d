package dev.shiplane.core.rotation;

import dev.shiplane.core.config.SecretSpec;
import java.time.Instant;
import java.util.Optional;

/**
 * An {@code hmac-key}'s previous key verifies tokens signed before the rotation for as long as it stays AWSPREVIOUS,
 * that is until the next rotation. A rotation sooner than the grace period after the last one would drop a key that
 * unexpired tokens still need, so it is deferred. Pure.
 */
public final class GracePeriod {

    private GracePeriod() {}

    /** Why a rotation must wait, or empty when it may run now. Only a key that has a previous one can be deferred. */
    public static Optional<String> deferral(SecretSpec secret, SecretVersions versions, Instant now) {
        if (secret.gracePeriod() == null || versions.withStage(SecretVersions.PREVIOUS).isEmpty()) {
            return Optional.empty();
        }
        var current = versions.withStage(SecretVersions.CURRENT);
        if (current.isEmpty()) return Optional.empty();
        var notBefore = current.get().createdAt().plus(secret.gracePeriod());
        if (!now.isBefore(notBefore)) return Optional.empty();
        return Optional.of("the previous key must keep verifying for the grace period (" + secret.gracePeriod()
                + ") after the last rotation at " + current.get().createdAt() + ": rotate after " + notBefore
                + " (or with Secrets Manager's RotateSecret, which is never deferred)");
    }
}
