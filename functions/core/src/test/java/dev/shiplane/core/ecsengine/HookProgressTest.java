package dev.shiplane.core.ecsengine;

import static dev.shiplane.core.ecsengine.HookFixtures.HEALTH;
import static dev.shiplane.core.ecsengine.HookFixtures.NOW;
import static dev.shiplane.core.ecsengine.HookFixtures.answered;
import static dev.shiplane.core.ecsengine.HookFixtures.deployment;
import static dev.shiplane.core.ecsengine.HookFixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ecsengine.HookFacts.CheckAttempt;
import dev.shiplane.core.ecsengine.HookFacts.Subject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one invocation hands the next through ECS's hookDetails. */
class HookProgressTest {

    @Test
    void firstInvocationStartsNowAndKeepsTheHookConfigurationsOwnDetails() {
        var progress = HookProgress.from(Map.of("team", "web"), NOW);

        assertThat(progress.invocation()).isEqualTo(1);
        assertThat(progress.startedAt()).isEqualTo(NOW);
        assertThat(progress.toDetails()).containsEntry("team", "web")
                .containsEntry("shiplane.startedAt", NOW.toString()).containsEntry("shiplane.invocation", "1");
    }

    @Test
    void detailsRoundTrip() {
        var progress = new HookProgress(NOW.minusSeconds(90), 3, Map.of("health", 2), java.util.Set.of("smoke"),
                Map.of("team", "web"));

        assertThat(HookProgress.from(progress.toDetails(), NOW)).isEqualTo(progress);
    }

    @Test
    void unreadableValuesCountAsAFirstInvocation() {
        var progress = HookProgress.from(Map.of("shiplane.startedAt", "yesterday", "shiplane.invocation", "x",
                "shiplane.attempt.health", "two"), NOW);

        assertThat(progress).isEqualTo(HookProgress.from(Map.of(), NOW));
    }

    @Test
    void aRetriedCheckCarriesItsNextAttemptAndTheNextInvocationNumber() {
        var answer = HookPolicy.decide(new HookFacts("POST_TEST_TRAFFIC_SHIFT", LifecycleStage.POST_TEST_TRAFFIC_SHIFT,
                new Subject.Deploying(target(), deployment("d-7", DeploymentStatus.STARTED), false), null, null, null,
                List.of(HEALTH), List.of(new CheckAttempt(HEALTH, 1, answered(503, null))),
                HookProgress.from(Map.of(), NOW), null, NOW));

        assertThat(answer).isInstanceOfSatisfying(HookAnswer.InProgress.class, p -> {
            assertThat(p.progress().attemptOf(HEALTH)).isEqualTo(2);
            assertThat(p.progress().invocation()).isEqualTo(2);
            assertThat(p.progress().startedAt()).isEqualTo(NOW);
        });
    }
}
