package dev.shiplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The burst benchmark's correctness claims, small enough for every build: 20 pushes over 5 services (3 rolling,
 * 2 canary; with seed 9 one canary gets 4 pushes in a row, a rolling service 4 and then 3) at once through the
 * sandbox dispatcher. Nothing here is timed; scripts/burst (run by scripts/bench) is the 1,000-push version.
 */
class BurstIT {

    @Test
    void burstOfPushes_losesNothing_deploysNothingTwice_andEndsOnTheLastImages(@TempDir Path workDir)
            throws Exception {
        var plan = BurstPlan.generate(5, 2, 20, 9);
        var progress = new ByteArrayOutputStream();

        var result = Burst.run(plan, workDir, new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(result.violations()).as(progress.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(result.servicesOnLastImage()).isEqualTo(5);
        assertThat(result.deadLettered()).isZero();
        // every push was announced and decided, and the burst really made pushes supersede each other
        assertThat(result.count("Image Pushed")).isEqualTo(20);
        assertThat(result.count("Deployment Started") + result.count("Deployment Skipped")).isGreaterThanOrEqualTo(20);
        assertThat(result.count("Deployment Started")).isGreaterThanOrEqualTo(5);
        assertThat(result.domainEvents()).anySatisfy(e -> {
            assertThat(e.path("detail-type").asText()).isIn("Deployment Aborted", "Deployment Skipped");
            assertThat(e.path("detail").path("reason").asText()).contains("superseded");
        });
        assertThat(result.count("Traffic Shifted")).as("the canaries reached their first step").isPositive();
        assertThat(Burst.markdown(result)).contains("20 pushes settled in").contains("| shiplane-deploy | Image Pushed |")
                .contains("**0 pushes lost**").contains("**5 of 5 services**");
    }

    @Test
    void plan_isReproducible_withDistinctDigestsAndEveryServicePushed() {
        var plan = BurstPlan.generate(30, 10, 1000, 9);

        assertThat(BurstPlan.generate(30, 10, 1000, 9)).isEqualTo(plan);
        assertThat(plan.pushes()).hasSize(1000);
        assertThat(new HashSet<>(plan.pushes().stream().map(BurstPlan.Push::digest).toList())).hasSize(1000);
        assertThat(new HashSet<>(plan.pushes().stream().map(BurstPlan.Push::eventId).toList())).hasSize(1000);
        assertThat(plan.lastPushes()).hasSize(30);
        assertThat(plan.canaryCount()).isEqualTo(10);
        assertThat(plan.configYaml()).contains("svc-30:").contains("strategy: canary").contains("environments: [qa]");
    }

    @Test
    void percentile_isNearestRank() {
        var values = java.util.stream.LongStream.rangeClosed(1, 200).boxed().toList();
        assertThat(Burst.percentile(values, 50)).isEqualTo(100);
        assertThat(Burst.percentile(values, 99)).isEqualTo(198);
        assertThat(Burst.percentile(java.util.List.of(7L), 99)).isEqualTo(7);
    }
}
