package dev.shiplane.aws;

import dev.shiplane.core.fakes.WebhookSecretsContract;
import dev.shiplane.core.webhook.WebhookSecrets;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The webhook secrets contract against Secrets Manager in the emulator: a rotation is a new version, which moves
 * AWSCURRENT to it and AWSPREVIOUS to the version before.
 */
@ExtendWith(EmulatorExtension.class)
class SecretsManagerWebhookSecretsTest extends WebhookSecretsContract {

    static final String NAME = "shiplane/github-webhook";

    private SecretsManagerClient secretsManager;

    @BeforeEach
    void client(TestAws aws) {
        secretsManager = aws.build(SecretsManagerClient.builder());
    }

    @Override
    protected WebhookSecrets secrets() {
        return new SecretsManagerWebhookSecrets(secretsManager, NAME);
    }

    @Override
    protected void rotateTo(String value) {
        try {
            secretsManager.putSecretValue(r -> r.secretId(NAME).secretString(value));
        } catch (ResourceNotFoundException first) {
            secretsManager.createSecret(r -> r.name(NAME).secretString(value));
        }
    }
}
