package dev.shiplane.core.rotation;

import dev.shiplane.core.config.SecretSpec;

/**
 * {@code hmac-key}, {@code api-key}, {@code random}: a new value from the vault's generator. Nothing outside the
 * vault holds it, so there is nothing to set; consumers pick it up when they are redeployed.
 */
final class RandomValueRotation implements SecretKindRotation {

    private final SecretVault vault;

    RandomValueRotation(SecretVault vault) {
        this.vault = vault;
    }

    @Override
    public String createPending(SecretSpec secret, String current, Redaction sensitive) {
        var value = vault.randomPassword(PasswordPolicy.of(secret));
        sensitive.add(value);
        return value;
    }

    @Override
    public void set(SecretSpec secret, String current, String pending, Redaction sensitive) {
        // the value lives only in the vault
    }

    @Override
    public void test(SecretSpec secret, String current, String pending, Redaction sensitive) {
        if (pending.length() != secret.length()) {
            throw new IllegalStateException("pending value of " + secret.name() + " has " + pending.length()
                    + " characters, the policy asks for " + secret.length());
        }
        if (pending.equals(current)) {
            throw new IllegalStateException("pending value of " + secret.name() + " equals the current one");
        }
    }
}
