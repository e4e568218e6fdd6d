package dev.shiplane.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.core.ecsengine.HookAnswer;
import dev.shiplane.core.ecsengine.HookProgress;
import dev.shiplane.testkit.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ECS's payload read field by field; the answer written as ECS reads it. */
class HookPayloadTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String NEW = "arn:aws:ecs:us-east-1:123456789012:service-revision/monynha-prod/web/5281906211208231548";

    @Test
    void documentedPayload_isRead() {
        var invocation = HookPayload.invocation(RepoFiles.bytes("events/aws/ecs-lifecycle-hook-production-traffic-shift.json"));

        assertThat(invocation.executionId()).isEqualTo("c47e0a9d-2b8f-4d1c-a6e5-9f3b7d2c1e05");
        assertThat(invocation.lifecycleStage()).isEqualTo("PRODUCTION_TRAFFIC_SHIFT");
        assertThat(invocation.cluster()).isEqualTo("monynha-prod");
        assertThat(invocation.ecsService()).isEqualTo("web");
        assertThat(invocation.targetServiceRevisionArn()).isEqualTo(NEW);
        assertThat(invocation.targetProductionWeight()).isEqualTo(10);
        assertThat(invocation.hookDetails()).isEmpty();
    }

    @Test
    void hookDetailsThatAreNotText_areKeptAsTheirJson() {
        var invocation = HookPayload.invocation("""
                {"executionId": "e", "lifecycleStage": "PRE_SCALE_UP",
                 "executionDetails": {"serviceArn": "arn:aws:ecs:us-east-1:1:service/c/s"},
                 "hookDetails": {"shiplane.invocation": "2", "limits": {"max": 3}}}
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(invocation.hookDetails()).containsEntry("shiplane.invocation", "2")
                .containsEntry("limits", "{\"max\":3}");
    }

    @Test
    void missingOrMalformedFields_areNamed() {
        assertThatThrownBy(() -> HookPayload.invocation("{\"lifecycleStage\": \"PRE_SCALE_UP\"}".getBytes(
                StandardCharsets.UTF_8))).hasMessageContaining("executionId");
        assertThatThrownBy(() -> HookPayload.invocation("""
                {"executionId": "e", "lifecycleStage": "PRE_SCALE_UP",
                 "executionDetails": {"serviceArn": "s", "productionTrafficWeights": {"r": "ten"}}}
                """.getBytes(StandardCharsets.UTF_8))).hasMessageContaining("productionTrafficWeights.r");
        assertThatThrownBy(() -> HookPayload.invocation("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inProgressAnswer_carriesTheDelayInSecondsAndTheProgress() throws IOException {
        var progress = new HookProgress(Instant.parse("2026-11-26T10:00:00Z"), 2, Map.of("health", 2), Set.of(),
                Map.of());

        var answer = JSON.readTree(HookPayload.answer(new HookAnswer.InProgress(Duration.ofSeconds(20), progress,
                "retrying", List.of())));

        assertThat(answer.get("hookStatus").asText()).isEqualTo("IN_PROGRESS");
        assertThat(answer.get("callBackDelay").asInt()).isEqualTo(20);
        assertThat(answer.get("hookDetails").get("shiplane.attempt.health").asText()).isEqualTo("2");
    }

    @Test
    void finalAnswers_carryOnlyTheStatus() throws IOException {
        var succeeded = JSON.readTree(HookPayload.answer(new HookAnswer.Succeeded("ok", List.of())));
        var failed = JSON.readTree(HookPayload.answer(new HookAnswer.Failed("frozen", List.of())));

        assertThat(succeeded.properties()).extracting(Map.Entry::getKey).containsExactly("hookStatus");
        assertThat(failed.get("hookStatus").asText()).isEqualTo("FAILED");
        assertThat(failed.has("callBackDelay")).isFalse();
    }
}
