package dev.shiplane.core.rotation;

/**
 * Reads and rewrites the JSON document of a database secret. The domain sees no JSON library; the contract module
 * implements this.
 */
public interface CredentialsFormat {

    /** @throws IllegalArgumentException naming the missing or malformed field, never quoting the value */
    DatabaseCredentials read(String secretValue);

    /** {@code secretValue} with username and password replaced and every other field (host, extra keys) kept. */
    String withLogin(String secretValue, String username, String password);
}
