package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Reading the webhook secret's versions from Secrets Manager in the emulator, as a rotation leaves them. */
@ExtendWith(EmulatorExtension.class)
class SecretsManagerWebhookSecretsTest {

    private SecretsManagerClient secretsManager;

    @BeforeEach
    void client(TestAws aws) {
        secretsManager = aws.build(SecretsManagerClient.builder());
    }

    @Test
    void newSecret_hasOnlyItsCurrentValue() {
        var arn = secretsManager.createSecret(r -> r.name("shiplane/github-webhook").secretString("first")).arn();

        assertThat(new SecretsManagerWebhookSecrets(secretsManager, arn).signingSecrets()).containsExactly("first");
    }

    @Test
    void afterARotation_currentComesFirst_thenPrevious() {
        secretsManager.createSecret(r -> r.name("shiplane/github-webhook").secretString("first"));
        secretsManager.putSecretValue(r -> r.secretId("shiplane/github-webhook").secretString("second"));

        assertThat(new SecretsManagerWebhookSecrets(secretsManager, "shiplane/github-webhook").signingSecrets())
                .containsExactly("second", "first");
    }

    @Test
    void twoRotations_leaveOnlyTheLastTwoValid() {
        secretsManager.createSecret(r -> r.name("shiplane/github-webhook").secretString("first"));
        secretsManager.putSecretValue(r -> r.secretId("shiplane/github-webhook").secretString("second"));
        secretsManager.putSecretValue(r -> r.secretId("shiplane/github-webhook").secretString("third"));

        assertThat(new SecretsManagerWebhookSecrets(secretsManager, "shiplane/github-webhook").signingSecrets())
                .containsExactly("third", "second");
    }

    @Test
    void missingSecret_isAConfigurationError() {
        assertThatThrownBy(() -> new SecretsManagerWebhookSecrets(secretsManager, "nope").signingSecrets())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nope");
    }
}
