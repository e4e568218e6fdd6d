package dev.shiplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What the bench accepts from the hooks function: the answer ECS would act on, read from the launchers' line (whose
 * output is whatever the handler wrote, on one line).
 */
class BenchWorldHookAnswerTest {

    @Test
    void theExpectedStatus_isAccepted() {
        assertThat(BenchWorld.hookStatus("{\"hookStatus\":\"SUCCEEDED\"}", "SUCCEEDED")).isEqualTo("SUCCEEDED");
    }

    @Test
    void anotherStatus_noStatus_orNoJson_failTheBench() {
        assertThatThrownBy(() -> BenchWorld.hookStatus("{\"hookStatus\":\"FAILED\"}", "SUCCEEDED"))
                .isInstanceOf(BenchWorld.Mismatch.class).hasMessageContaining("FAILED");
        assertThatThrownBy(() -> BenchWorld.hookStatus("{\"result\":\"ignored\"}", "SUCCEEDED"))
                .isInstanceOf(BenchWorld.Mismatch.class).hasMessageContaining("no hookStatus");
        assertThatThrownBy(() -> BenchWorld.hookStatus("", "SUCCEEDED"))
                .isInstanceOf(BenchWorld.Mismatch.class);
        assertThatThrownBy(() -> BenchWorld.hookStatus("Task timed out", "SUCCEEDED"))
                .isInstanceOf(BenchWorld.Mismatch.class).hasMessageContaining("not JSON");
    }

    @Test
    void aPrettyPrintedAnswer_staysOnTheLaunchersLine() {
        var out = new ByteArrayOutputStream();
        out.writeBytes("{\n  \"hookStatus\" : \"SUCCEEDED\"\r\n}\n".getBytes(StandardCharsets.UTF_8));

        var line = ShadedLambdaLauncher.oneLine(out);

        assertThat(line).doesNotContain("\n", "\r");
        assertThat(BenchWorld.hookStatus(line, "SUCCEEDED")).isEqualTo("SUCCEEDED");
    }
}
