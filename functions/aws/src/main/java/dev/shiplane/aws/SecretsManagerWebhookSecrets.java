package dev.shiplane.aws;

import dev.shiplane.core.webhook.WebhookSecrets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * {@link WebhookSecrets} from one Secrets Manager secret whose value is the webhook secret as plain text: the
 * {@code AWSCURRENT} version, and the {@code AWSPREVIOUS} version while there is one (after the secret was rotated,
 * until GitHub is given the new value).
 *
 * <p>Not through Powertools Parameters, as the Slack URL is: its secrets provider reads only a secret's current
 * version, and both stages are needed here.
 */
public final class SecretsManagerWebhookSecrets implements WebhookSecrets {

    static final String CURRENT = "AWSCURRENT";
    static final String PREVIOUS = "AWSPREVIOUS";

    private final SecretsManagerClient secretsManager;
    private final String secretId;

    /** @param secretId the secret's ARN (what the stack passes) or name */
    public SecretsManagerWebhookSecrets(SecretsManagerClient secretsManager, String secretId) {
        this.secretsManager = secretsManager;
        this.secretId = secretId;
    }

    @Override
    public List<String> signingSecrets() {
        var current = read(CURRENT);
        if (current == null) {
            throw new IllegalStateException("webhook secret " + secretId + " has no " + CURRENT + " value");
        }
        List<String> secrets = new ArrayList<>(List.of(current));
        var previous = read(PREVIOUS);
        if (previous != null && !previous.equals(current)) {
            secrets.add(previous);
        }
        return List.copyOf(secrets);
    }

    /** The value at {@code stage}, or {@code null} when no version carries that stage. */
    private String read(String stage) {
        try {
            // Always name the stage: without it moto answers with whichever version it stored first.
            var value = secretsManager.getSecretValue(r -> r.secretId(secretId).versionStage(stage)).secretString();
            return value == null || value.isBlank() ? null : value;
        } catch (ResourceNotFoundException noSuchVersion) {
            if (CURRENT.equals(stage)) {
                throw new IllegalStateException("webhook secret " + secretId + " does not exist", noSuchVersion);
            }
            return null;
        }
    }
}
