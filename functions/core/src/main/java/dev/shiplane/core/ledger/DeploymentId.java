package dev.shiplane.core.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deployment ids are derived, not random: the same push for the same target always names the same deployment. */
public final class DeploymentId {

    private DeploymentId() {}

    public static String of(String pushId, String env, String service) {
        try {
            var sha = MessageDigest.getInstance("SHA-256")
                    .digest((pushId + "\n" + env + "\n" + service).getBytes(StandardCharsets.UTF_8));
            return "d-" + HexFormat.of().formatHex(sha, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
