package dev.shiplane.core.rotation;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The ClientRequestToken of a rotation shiplane starts itself, derived from what triggered it: a redelivered event
 * names the same pending version and so resumes that rotation instead of starting a second one. A UUID's 36
 * characters fit Secrets Manager's 32-64.
 */
public final class RotationToken {

    private RotationToken() {}

    /** @param triggerId the scheduled event's id, or the request id of a {@code Rotation Requested} */
    public static String of(String triggerId, String secretName) {
        return UUID.nameUUIDFromBytes(("shiplane-rotation\n" + triggerId + "\n" + secretName)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
