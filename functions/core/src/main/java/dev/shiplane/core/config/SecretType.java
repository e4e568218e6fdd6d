package dev.shiplane.core.config;

/** How a managed secret is rotated ({@code type:} in {@code rotation.secrets}). */
public enum SecretType {
    /** PostgreSQL credentials, alternating between {@code user} and {@code user_clone}: zero downtime. */
    POSTGRES("postgres"),
    /** PostgreSQL credentials of one user whose password changes in place: connections must reconnect. */
    POSTGRES_SINGLE("postgres-single"),
    /** A random signing key; the previous one stays readable as AWSPREVIOUS for the grace period. */
    HMAC_KEY("hmac-key"),
    /** A random API key from Secrets Manager's password generator. */
    API_KEY("api-key"),
    /** Any random string from Secrets Manager's password generator. */
    RANDOM("random");

    private final String code;

    SecretType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static SecretType fromCode(String code) {
        for (SecretType t : values()) {
            if (t.code.equals(code)) return t;
        }
        throw new IllegalArgumentException("unknown secret type '" + code
                + "' (known: postgres, postgres-single, hmac-key, api-key, random)");
    }
}
