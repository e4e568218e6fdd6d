package dev.shiplane.aws;

import dev.shiplane.core.fakes.SecretVaultContract;
import dev.shiplane.core.ports.SecretVault;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import org.junit.jupiter.api.BeforeEach;
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

    @Override
    protected SecretVault vault() {
        return vault;
    }

    @Override
    protected String createSecret(String name, String value) {
        return secretsManager.createSecret(r -> r.name(name).secretString(value)).arn();
    }
}
