package dev.shiplane.core.fakes;

import dev.shiplane.core.rotation.SecretVault;
import java.time.Instant;

class InMemorySecretVaultTest extends SecretVaultContract {

    private final InMemorySecretVault vault = new InMemorySecretVault(new MutableClock(Instant.parse("2026-12-01T00:00:00Z")));

    @Override
    protected SecretVault vault() {
        return vault;
    }

    @Override
    protected String createSecret(String name, String value) {
        return vault.create(name, value);
    }
}
