package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Template;

/** The app as the sandbox and {@code cdk synth} use it: the repository's shiplane.yml, synthesized to disk. */
class ShiplaneAppTest {

    @TempDir
    static Path outdir;
    private static Path templateFile;

    @BeforeAll
    static void synth() {
        var configFile = RepositoryLayout.locate().configFile();
        templateFile = ShiplaneApp.synth(configFile, outdir).resolve(ShiplaneApp.TEMPLATE_FILE);
    }

    @Test
    void synth_writesShiplaneDeliveryTemplate_intoOutdir() {
        assertThat(templateFile).isRegularFile().hasFileName("ShiplaneDelivery.template.json");
    }

    @Test
    void ecrRule_matchesTheNamespaceOfTheConfiguredEcrRepositories_notGhcrImages() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> json = new ObjectMapper().readValue(templateFile.toFile(), Map.class);
        var template = Template.fromJSON(json);

        template.hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", Map.of(
                "source", List.of("aws.ecr"),
                "detail-type", List.of("ECR Image Action"),
                "detail", Map.of(
                        "action-type", List.of("PUSH"),
                        "result", List.of("SUCCESS"),
                        "repository-name", List.of(Map.of("prefix", "monynha/"))))));
    }

    @Test
    void outputs_giveTheWebhookUrlAndSecret_forGitHubsWebhookSettings() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> json = new ObjectMapper().readValue(templateFile.toFile(), Map.class);
        var template = Template.fromJSON(json);

        template.hasOutput("WebhookUrl", Map.of("Value", Map.of("Fn::GetAtt",
                List.of(software.amazon.awscdk.assertions.Match.stringLikeRegexp("^WebhookBridge"), "FunctionUrl"))));
        template.hasOutput("WebhookSecretArn", Map.of("Value", Map.of("Ref",
                software.amazon.awscdk.assertions.Match.stringLikeRegexp("^WebhookBridgeSecret"))));
    }

    /**
     * cfn-lint's exit code is a bit set: 2 errors, 4 warnings, 8 informational. Only errors fail the build:
     * CDK's own output draws warnings (W3005, a DependsOn the GetAtt already implies) that are not ours to fix.
     */
    @Test
    void cfnLint_findsNoErrors() throws IOException, InterruptedException {
        Process lint;
        try {
            lint = new ProcessBuilder("cfn-lint", templateFile.toString()).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            throw new AssertionError("cfn-lint is not on the PATH; install it with `pip install cfn-lint`",
                    notInstalled);
        }
        var report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();

        assertThat(lint.exitValue() & 2).as("cfn-lint error bit; report:%n%s", report).isZero();
    }
}
