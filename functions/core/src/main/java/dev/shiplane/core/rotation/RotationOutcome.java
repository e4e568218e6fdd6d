package dev.shiplane.core.rotation;

/**
 * What one rotation (or one step of it) came to.
 *
 * @param secretName key in {@code rotation.secrets}
 * @param versionId  the rotation's token: the version it creates and promotes
 * @param status     how it ended
 * @param detail     one sentence for the log; never contains a value
 */
public record RotationOutcome(String secretName, String versionId, Status status, String detail) {

    public enum Status {
        /** AWSCURRENT is the new version; consumers were asked to redeploy. */
        ROTATED,
        /** One step (rotation-Lambda contract) ran; Secrets Manager calls the next. */
        STEP_DONE,
        /** The step had already been done by an earlier run of the same rotation. */
        NOTHING_TO_DO,
        /** Another rotation of the secret is in progress; this one did not start ({@code Rotation Failed}). */
        BUSY,
        /** The grace period of an {@code hmac-key} forbids rotating yet ({@code Rotation Failed}). */
        DEFERRED,
        /** A later rotation replaced this one; nothing changed. */
        SUPERSEDED
    }

    @Override
    public String toString() {
        return secretName + " " + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " (version "
                + versionId + ")" + (detail == null ? "" : ": " + detail);
    }
}
