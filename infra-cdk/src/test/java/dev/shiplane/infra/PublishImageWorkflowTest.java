package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shiplane.testkit.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The apps' reusable workflow cannot run here (no Docker, no GitHub): scripts/test lints it with actionlint, and this
 * test holds its structure to what shiplane relies on — the order test → scan gate → push, the scan failing on the
 * caller's severities before anything is pushed, OIDC rather than keys, least permissions, the metadata shiplane
 * reads on the image index, and every action pinned by commit.
 */
class PublishImageWorkflowTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern PINNED = Pattern.compile("[\\w.-]+/[\\w./-]+@[0-9a-f]{40}");

    private static JsonNode workflow(String name) throws IOException {
        return YAML.readTree(RepoFiles.path(".github/workflows/" + name).toFile());
    }

    private static List<JsonNode> steps(JsonNode workflow) {
        return StreamSupport.stream(workflow.path("jobs").path("publish").path("steps").spliterator(), false).toList();
    }

    private static int indexOf(List<JsonNode> steps, String name) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).path("name").asText().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no step named '" + name + "'");
    }

    @Test
    void isCalledByApps_withTheirTestCommand_andTheSeedsSeverity() throws IOException {
        var inputs = workflow("publish-image.yml").path("on").path("workflow_call").path("inputs");

        assertThat(inputs.path("test-command").path("required").asBoolean()).isTrue();
        assertThat(inputs.path("image-name").path("required").asBoolean()).isTrue();
        assertThat(inputs.path("fail-on-severities").path("default").asText()).isEqualTo("CRITICAL");
        assertThat(inputs.path("platforms").path("default").asText()).contains("linux/amd64", "linux/arm64");
        assertThat(inputs.has("aws-access-key-id")).as("ECR is reached through OIDC, never stored keys").isFalse();
    }

    @Test
    void testsThenGatesOnTheScan_beforeAnythingIsPushed() throws IOException {
        var steps = steps(workflow("publish-image.yml"));

        int test = indexOf(steps, "Test");
        int gate = indexOf(steps, "Scan gate (fails on the named severities)");
        int push = indexOf(steps, "Build and push the image index");
        assertThat(test).isLessThan(gate);
        assertThat(gate).isLessThan(push);

        var gateStep = steps.get(gate).path("with");
        assertThat(gateStep.path("exit-code").asText()).isEqualTo("1");
        assertThat(gateStep.path("severity").asText()).isEqualTo("${{ inputs.fail-on-severities }}");
        assertThat(steps.get(gate).path("uses").asText()).startsWith("aquasecurity/trivy-action@");

        var sarif = steps.get(indexOf(steps, "Upload the scan to code scanning"));
        assertThat(sarif.path("if").asText()).as("findings reach code scanning even when the gate fails").isEqualTo("always()");
        assertThat(sarif.path("uses").asText()).startsWith("github/codeql-action/upload-sarif@");
        for (int i = 0; i < gate; i++) {
            assertThat(steps.get(i).path("run").asText()).as("nothing is pushed before the scan gate").doesNotContain("--push");
        }
    }

    @Test
    void annotatesTheImageIndex_withTheCommitAndItsTime() throws IOException {
        var steps = steps(workflow("publish-image.yml"));
        var push = steps.get(indexOf(steps, "Build and push the image index")).path("run").asText();

        assertThat(push).contains("--annotation \"index:$pair\"", "--label \"$pair\"", "--platform \"$PLATFORMS\"", "--push");
        assertThat(push).contains("org.opencontainers.image.revision=$REVISION", "org.opencontainers.image.source=$SOURCE",
                "org.opencontainers.image.created=$CREATED", "dev.shiplane.commit.timestamp=$COMMIT_TIMESTAMP");
        var meta = steps.get(indexOf(steps, "Tag and metadata")).path("run").asText();
        assertThat(meta).contains("git log -1 --format=%cI", "tag=\"${REF_NAME#v}\"", "tag=\"$GITHUB_SHA\"");
    }

    @Test
    void asksForTheLeastPermissions_andUsesOidcForEcr() throws IOException {
        var wf = workflow("publish-image.yml");
        assertThat(wf.path("permissions").path("contents").asText()).isEqualTo("read");
        var job = wf.path("jobs").path("publish").path("permissions");
        assertThat(job.properties()).extracting(e -> e.getKey() + "=" + e.getValue().asText())
                .containsExactlyInAnyOrder("contents=read", "id-token=write", "packages=write", "security-events=write");

        var steps = steps(wf);
        var aws = steps.get(indexOf(steps, "AWS credentials (OIDC)")).path("with");
        assertThat(aws.path("role-to-assume").asText()).isEqualTo("${{ inputs.aws-role-arn }}");
        assertThat(aws.has("aws-access-key-id")).isFalse();
    }

    @Test
    void everyWorkflowPinsItsActionsByCommit() throws IOException {
        List<String> unpinned = new ArrayList<>();
        List<Path> workflows;
        try (var listing = Files.list(RepoFiles.path(".github/workflows"))) {
            workflows = listing.sorted().toList();
        }
        assertThat(workflows).extracting(p -> p.getFileName().toString())
                .as("scripts/test lints .github/workflows/*.yml").allMatch(n -> n.endsWith(".yml"));
        for (var file : workflows) {
            workflow(file.getFileName().toString()).path("jobs").forEach(job -> job.path("steps").forEach(step -> {
                var uses = step.path("uses").asText("");
                if (!uses.isEmpty() && !uses.startsWith("./") && !PINNED.matcher(uses).matches()) {
                    unpinned.add(file.getFileName() + ": " + uses);
                }
            }));
        }
        assertThat(unpinned).isEmpty();
    }
}
