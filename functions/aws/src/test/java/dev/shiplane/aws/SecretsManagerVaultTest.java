package dev.shiplane.aws;

import dev.shiplane.core.fakes.SecretVaultContract;
import dev.shiplane.core.rotation.SecretVault;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The vault contract against Secrets Manager in the emulator: labels, promotion and the generator are its own. */
@ExtendWith(EmulatorExtension.class)
class SecretsManagerVaultTest extends SecretVaultContract {

    private SecretsManagerClient secretsManager;
    private SecretsManagerVault vault;

    @BeforeEach
    void client(TestAws aws) {
        secretsManager = aws.build(SecretsManagerClient.builder());
        vault = new SecretsManagerVault(secretsManager);
    }

    @Test
    void pendingVersionRequest_carriesTheRotationToken_andKeepsItOutOfItsText() {
        var request = SecretsManagerVault.pendingVersion("team/db", T1, "pending-value-1", "rotation-token-of-the-request");

        assertThat(request.rotationToken()).isEqualTo("rotation-token-of-the-request");
        assertThat(request.clientRequestToken()).isEqualTo(T1);
        assertThat(request.versionStages()).containsExactly("AWSPENDING");
        assertThat(request.toString()).doesNotContain("rotation-token-of-the-request").doesNotContain("pending-value-1");
    }

    @Test
    void pendingVersionRequest_withoutARotationToken_sendsNone() {
        assertThat(SecretsManagerVault.pendingVersion("team/db", T1, "v1", null).rotationToken()).isNull();
    }

    @Override
    protected SecretVault vault() {
        return vault;
    }

    @Override
    protected String createSecret(String name, String value) {
        return secretsManager.createSecret(r -> r.name(name).secretString(value)).arn();
    }
}
