package dev.shiplane.contract.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.contract.MalformedEventException;
import dev.shiplane.testkit.RepoFiles;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rotation function's three inputs, read from the samples in events/. */
class RotationTriggerParserTest {

    static RotationTrigger parse(String text) {
        return RotationTriggerParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"secretsmanager-rotation-create-secret.json,createSecret",
            "secretsmanager-rotation-set-secret.json,setSecret", "secretsmanager-rotation-test-secret.json,testSecret",
            "secretsmanager-rotation-finish-secret.json,finishSecret"})
    void secretsManagerRequest_isOneStep(String sample, String step) {
        var trigger = RotationTriggerParser.parse(RepoFiles.bytes("events/aws/" + sample));

        assertThat(trigger).isEqualTo(new RotationTrigger.SecretsManagerStep(
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:monynha/db-password-Xy12Ab",
                "5f4c7a2e-1b3d-4e8f-9a06-7c2d1e0f3b45", step,
                "sample-rotation-token-3c9e1f7a-5b2d-4e60-8a14-d7f0c2b9e651"));
    }

    @Test
    void secretsManagerRequestWithoutARotationToken_isStillOneStep() {
        var trigger = parse("{\"Step\":\"createSecret\",\"SecretId\":\"s\",\"ClientRequestToken\":\"t\"}");

        assertThat(trigger).isEqualTo(new RotationTrigger.SecretsManagerStep("s", "t", "createSecret", null));
    }

    @Test
    void theRotationToken_isLeftOutOfTheTriggersText() {
        var trigger = RotationTriggerParser.parse(RepoFiles.bytes("events/aws/secretsmanager-rotation-create-secret.json"));

        assertThat(trigger.toString()).doesNotContain("sample-rotation-token").contains("rotationToken=(redacted)")
                .contains("createSecret");
    }

    @Test
    void scheduledEvent_namesItsRule() {
        var trigger = RotationTriggerParser.parse(RepoFiles.bytes("events/aws/scheduled-rotation.json"));

        assertThat(trigger).isInstanceOfSatisfying(RotationTrigger.Scheduled.class, s -> {
            assertThat(s.eventId()).isNotBlank();
            assertThat(s.rule()).startsWith("SecretRotation");
        });
    }

    @Test
    void rotationRequested_namesTheSecretAndTheRequest() {
        var trigger = RotationTriggerParser.parse(RepoFiles.bytes("events/shiplane/rotation-requested.json"));

        assertThat(trigger).isEqualTo(new RotationTrigger.Requested("2b9c4d6e-8f01-4a23-b456-c789d0e1f2a3", "api-key",
                "incident-2026-12-14-leaked-key", "arn:aws:iam::123456789012:user/ops-ana"));
    }

    @Test
    void otherEvents_areUnsupported() {
        assertThat(RotationTriggerParser.parse(RepoFiles.bytes("events/aws/ecr-image-push.json")))
                .isEqualTo(new RotationTrigger.Unsupported("aws.ecr", "ECR Image Action"));
    }

    @Test
    void malformedInputs_nameTheField() {
        assertThatThrownBy(() -> parse("{\"SecretId\":\"s\",\"ClientRequestToken\":\"t\",\"Step\":\"rotate\"}"))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("Step: unknown rotation step 'rotate'");
        assertThatThrownBy(() -> parse("{\"Step\":\"setSecret\",\"SecretId\":\"s\"}"))
                .hasMessage("ClientRequestToken: missing");
        assertThatThrownBy(() -> parse("{\"source\":\"shiplane\",\"detail-type\":\"Rotation Requested\",\"id\":\"1\","
                + "\"detail\":{\"secret\":\"api-key\"}}")).hasMessage("detail.requestId: missing");
        assertThatThrownBy(() -> parse("[1]")).hasMessage("input is not a JSON object");
    }
}
