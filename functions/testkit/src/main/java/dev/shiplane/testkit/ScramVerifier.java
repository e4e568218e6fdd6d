package dev.shiplane.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a password against the SCRAM-SHA-256 verifier PostgreSQL stores in {@code pg_authid.rolpassword}
 * ({@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}, RFC 5802/7677): SaltedPassword =
 * PBKDF2-HMAC-SHA-256(password, salt, iterations); StoredKey = SHA-256(HMAC(SaltedPassword, "Client Key"));
 * ServerKey = HMAC(SaltedPassword, "Server Key").
 *
 * <p>The machine's PostgreSQL trusts local connections, so a successful login proves nothing about a password; this
 * proves that the password in the secret is the one the server would demand under scram authentication (RDS's
 * default). Generated passwords are ASCII letters and digits, for which SASLprep changes nothing.
 */
public final class ScramVerifier {

    private static final String PREFIX = "SCRAM-SHA-256$";

    private ScramVerifier() {}

    public static boolean matches(String verifier, String password) {
        if (verifier == null || !verifier.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier (is password_encryption md5?)");
        }
        var parts = verifier.substring(PREFIX.length()).split("\\$");
        var iterationsAndSalt = parts[0].split(":");
        var keys = parts[1].split(":");
        int iterations = Integer.parseInt(iterationsAndSalt[0]);
        var salt = Base64.getDecoder().decode(iterationsAndSalt[1]);
        try {
            var salted = pbkdf2(password.getBytes(StandardCharsets.UTF_8), salt, iterations);
            var storedKey = MessageDigest.getInstance("SHA-256").digest(hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII)));
            var serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
            return MessageDigest.isEqual(storedKey, Base64.getDecoder().decode(keys[0]))
                    && MessageDigest.isEqual(serverKey, Base64.getDecoder().decode(keys[1]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM provides HmacSHA256 and SHA-256", e);
        }
    }

    /** PBKDF2 with one block: SHA-256's output is the 32 bytes SCRAM-SHA-256 needs. */
    private static byte[] pbkdf2(byte[] password, byte[] salt, int iterations) throws GeneralSecurityException {
        var first = new byte[salt.length + 4];
        System.arraycopy(salt, 0, first, 0, salt.length);
        first[salt.length + 3] = 1;
        var u = hmac(password, first);
        var result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = hmac(password, u);
            for (int j = 0; j < result.length; j++) result[j] ^= u[j];
        }
        return result;
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
