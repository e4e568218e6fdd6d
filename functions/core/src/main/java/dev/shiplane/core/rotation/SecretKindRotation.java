package dev.shiplane.core.rotation;

import dev.shiplane.core.config.SecretSpec;
import java.util.Optional;

/** How one kind of secret gets its new value and makes it valid; {@link RotationService} picks one per type. */
interface SecretKindRotation {

    /** The new value, derived from the current one. Sensitive strings it reads or makes go to {@code sensitive}. */
    String createPending(SecretSpec secret, String current, Redaction sensitive);

    /** Makes the pending value valid where it is used, leaving the current one valid. Idempotent. */
    void set(SecretSpec secret, String current, String pending, Redaction sensitive);

    /** Proves the pending value works; throws when it does not. */
    void test(SecretSpec secret, String current, String pending, Redaction sensitive);

    /**
     * The database login under whose lock a rotation of this secret runs, for kinds whose setSecret changes something
     * outside the vault; empty for the others, where two overlapping runs can at worst both fail.
     */
    default Optional<DatabaseCredentials> lockHolder(SecretSpec secret, Redaction sensitive) {
        return Optional.empty();
    }
}
