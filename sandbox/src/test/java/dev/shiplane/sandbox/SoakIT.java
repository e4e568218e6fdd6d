package dev.shiplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * scripts/soak's short run: a few simulated days of the seeded story through a serving sandbox, every invariant
 * checked after each day. (The long run, 35 days and more, is scripts/soak's default.)
 */
class SoakIT {

    @Test
    void fewSimulatedDays_everyInvariantHoldsEveryDay() throws Exception {
        // under target/, so that a rerun reuses the synthesized template (TemplateCache) as scripts/soak does
        var workDir = Path.of("target", "soak-work").toAbsolutePath();
        int days = Integer.getInteger("soak.days", 3);
        var out = new ByteArrayOutputStream();
        int exit = new Soak(new Soak.Options(days, Long.getLong("soak.seed", 1L),
                dev.shiplane.testkit.RepoFiles.root().resolve("shiplane.yml"), workDir),
                new PrintStream(out, true, StandardCharsets.UTF_8)).run();
        var report = out.toString(StandardCharsets.UTF_8);
        Files.writeString(Path.of("target", "soak-summary.txt"), report);
        Files.copy(workDir.resolve("soak-timeline.log"), Path.of("target", "soak-timeline.log"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(exit).as(report).isZero();
        assertThat(report).contains("violations       0").containsPattern("day +" + days + ": ");
        // the story did happen: pushes were decided, the monthly rotation rotated, invariants were looked at
        assertThat(report).containsPattern("Deployment Started=\\d+").containsPattern("Secret Rotated=\\d+")
                .containsPattern("invariant checks [1-9]\\d+");
    }
}
