package dev.shiplane.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's webhook signature: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body bytes, keyed with
 * the webhook secret>}. The body must be the bytes GitHub sent, before any JSON parsing or re-encoding.
 */
public final class WebhookSignatures {

    public static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";
    private static final Pattern WELL_FORMED = Pattern.compile("sha256=[0-9a-f]{64}");

    private WebhookSignatures() {}

    /** The header value GitHub would send for {@code body} signed with {@code secret}. */
    public static String sign(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    /**
     * Checks {@code header} against every valid secret (current first). The comparison is constant-time in the
     * signature, so response timing tells an attacker nothing about how close a forged signature came.
     */
    public static SignatureVerdict verify(String header, byte[] body, List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalStateException("no webhook secret to verify signatures with");
        }
        if (header == null) {
            return SignatureVerdict.MISSING;
        }
        var presented = header.strip().toLowerCase(Locale.ROOT);
        if (!WELL_FORMED.matcher(presented).matches()) {
            return SignatureVerdict.MISSING;
        }
        var presentedBytes = HexFormat.of().parseHex(presented.substring(PREFIX.length()));
        SignatureVerdict verdict = SignatureVerdict.MISMATCH;
        // Every secret is tried even after a match, so the time taken does not say which secret matched.
        for (int i = 0; i < secrets.size(); i++) {
            if (MessageDigest.isEqual(presentedBytes, hmac(secrets.get(i), body)) && verdict == SignatureVerdict.MISMATCH) {
                verdict = i == 0 ? SignatureVerdict.CURRENT_SECRET : SignatureVerdict.PREVIOUS_SECRET;
            }
        }
        return verdict;
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
