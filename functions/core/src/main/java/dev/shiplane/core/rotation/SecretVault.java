package dev.shiplane.core.rotation;

import java.util.Optional;

/**
 * Versioned secrets with staging labels (Secrets Manager's model): what a rotation reads, stages and promotes.
 * Values are read only with an explicit stage, never "the latest": the version to use is the one a label names.
 */
public interface SecretVault {

    /**
     * The secret's identity and every version with its labels and creation time.
     *
     * @param secretId name or ARN
     * @throws java.util.NoSuchElementException when there is no such secret
     */
    SecretVersions versions(String secretId);

    /**
     * The value of the version labelled {@code stage}.
     *
     * @throws IllegalStateException when no version carries the label
     */
    String valueAt(String secretId, String stage);

    /** The value of {@code versionId} if that version carries {@code stage} and holds a value; empty otherwise. */
    Optional<String> valueOf(String secretId, String versionId, String stage);

    /**
     * Stores {@code value} as version {@code versionId} labelled AWSPENDING; the label leaves whichever version had
     * it. Storing the same value again is a no-op.
     *
     * @param rotationToken the {@code RotationToken} of the Secrets Manager rotation request that asked for this
     *                      version, handed back so Secrets Manager can check who stores it (it requires this when the
     *                      rotation function runs in another account); {@code null} when shiplane started the
     *                      rotation itself. A credential: never logged, never in an event or a message.
     */
    void putPending(String secretId, String versionId, String value, String rotationToken);

    /**
     * Moves a label: attaches it to {@code toVersionId} ({@code null}: attach nowhere) and removes it from
     * {@code fromVersionId} ({@code null}: remove from nowhere). Moving AWSCURRENT labels the version that had it
     * AWSPREVIOUS.
     *
     * @throws IllegalStateException when {@code fromVersionId} does not carry the label: nothing is changed, which is
     *                               what makes finishing a rotation a compare-and-set
     */
    void moveStage(String secretId, String stage, String toVersionId, String fromVersionId);

    /** A new random value following {@code policy}, from a cryptographically secure source. */
    String randomPassword(PasswordPolicy policy);
}
