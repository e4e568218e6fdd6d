package dev.shiplane.core.rotation;

import dev.shiplane.core.config.SecretSpec;
import dev.shiplane.core.config.SecretType;

/**
 * What a generated value looks like (Secrets Manager's {@code GetRandomPassword} parameters).
 *
 * @param length             number of characters
 * @param excludePunctuation leave out {@code !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~}
 * @param excludeCharacters  further characters to leave out (may be empty)
 */
public record PasswordPolicy(int length, boolean excludePunctuation, String excludeCharacters) {

    /**
     * RDS refuses {@code / @ "} and space in a master password, and {@code ' \} would need escaping in every
     * connection string a consumer builds: database passwords never contain them, whatever the configuration.
     */
    static final String UNSAFE_IN_DATABASE_PASSWORDS = "/@\"' \\";

    public PasswordPolicy {
        excludeCharacters = excludeCharacters == null ? "" : excludeCharacters;
    }

    public static PasswordPolicy of(SecretSpec secret) {
        var database = secret.type() == SecretType.POSTGRES || secret.type() == SecretType.POSTGRES_SINGLE;
        return new PasswordPolicy(secret.length(), secret.excludePunctuation(),
                database ? UNSAFE_IN_DATABASE_PASSWORDS : "");
    }
}
