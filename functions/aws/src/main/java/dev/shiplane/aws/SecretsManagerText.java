package dev.shiplane.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The {@code AWSCURRENT} value of a plain-text secret (a webhook URL), read on first use and kept for the life of the
 * container; {@link #forget()} makes the next use read it again (after the value was refused, say).
 */
public final class SecretsManagerText implements Supplier<String> {

    private final SecretsManagerClient secretsManager;
    private final String secretId;
    private volatile String cached;

    /** @param secretId the secret's ARN (what the stack passes) or name */
    public SecretsManagerText(SecretsManagerClient secretsManager, String secretId) {
        this.secretsManager = secretsManager;
        this.secretId = secretId;
    }

    @Override
    public String get() {
        var value = cached;
        if (value == null) {
            // Always name the stage: without it moto answers with whichever version it stored first.
            value = secretsManager.getSecretValue(r -> r.secretId(secretId).versionStage("AWSCURRENT")).secretString();
            cached = value;
        }
        return value;
    }

    public void forget() {
        cached = null;
    }
}
