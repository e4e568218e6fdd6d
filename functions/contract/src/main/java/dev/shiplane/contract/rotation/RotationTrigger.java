package dev.shiplane.contract.rotation;

/** What an invocation of the rotation function asks for, parsed from its raw input. */
public sealed interface RotationTrigger {

    /** The monthly schedule fired ({@code aws.events} / {@code Scheduled Event}): rotate every managed secret. */
    record Scheduled(String eventId, String rule) implements RotationTrigger {}

    /** {@code Rotation Requested} on the shiplane bus: rotate one secret now. */
    record Requested(String eventId, String secret, String requestId, String requestedBy) implements RotationTrigger {}

    /**
     * Secrets Manager's rotation-Lambda contract ({@code RotateSecret} invoking the function directly): run one step.
     *
     * @param secretId the secret's ARN
     * @param token    {@code ClientRequestToken}, the pending version's id
     * @param step     {@code createSecret}, {@code setSecret}, {@code testSecret} or {@code finishSecret}
     * @param rotationToken {@code RotationToken}, which Secrets Manager expects back with the pending value; a
     *                      credential, left out of {@link #toString()}; {@code null} when the request carries none
     */
    record SecretsManagerStep(String secretId, String token, String step, String rotationToken)
            implements RotationTrigger {

        @Override
        public String toString() {
            return "SecretsManagerStep[secretId=" + secretId + ", token=" + token + ", step=" + step
                    + ", rotationToken=" + (rotationToken == null ? "none" : "(redacted)") + "]";
        }
    }

    /** An EventBridge event the rotation function has no business with. */
    record Unsupported(String source, String detailType) implements RotationTrigger {}
}
