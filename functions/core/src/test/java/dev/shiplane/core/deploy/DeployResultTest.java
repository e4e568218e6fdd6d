package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.DeploymentStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.gate.ScanGate;
import dev.shiplane.core.canary.Colour;
import dev.shiplane.core.canary.RolloutOutcome;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The log line of each outcome is the text the deploy function has always logged (the sandbox timeline reads it). */
class DeployResultTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("a deployment handed to ECS", new DeployResult.Started(), "started"),
                Arguments.of("a deployment announced late", new DeployResult.Announced(), "announced"),
                Arguments.of("a skip names its reason code", new DeployResult.Skipped(SkipReason.NOT_PROMOTABLE),
                        "skipped:not-promotable"),
                Arguments.of("a busy service says who holds it", new DeployResult.Busy("deployment d-1 holds the lease"),
                        "busy:deployment d-1 holds the lease"),
                Arguments.of("a deployment held for its scan", new DeployResult.AwaitingScan(), "awaiting-scan"),
                Arguments.of("a deployment blocked names the gate", new DeployResult.Blocked(ScanGate.NAME),
                        "blocked:scan"),
                Arguments.of("a report-only gate told a result", new DeployResult.Reported(), "reported"),
                Arguments.of("an ignored event says why", new DeployResult.Ignored("not awaiting its scan"),
                        "ignored: not awaiting its scan"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void textIsTheLogLine(String description, DeployResult result, String expected) {
        assertThat(result.text()).isEqualTo(expected);
    }

    static Stream<Arguments> requestTexts() {
        var started = new TargetOutcome("prod", "api", "d-1", new DeployResult.Started());
        return Stream.of(
                Arguments.of("a request for a service not in the environment",
                        new RequestedDeployOutcome.Ignored("api does not run in qa").text(),
                        "ignored: api does not run in qa"),
                Arguments.of("a deploy request for an image nowhere to be found",
                        new RequestedDeployOutcome.Skipped(SkipReason.NOT_FOUND).text(), "skipped:not-found"),
                Arguments.of("a deploy request names who asked",
                        new RequestedDeployOutcome.Deployed(started, "ops").text(), "started (ops)"),
                Arguments.of("a redeploy already handled",
                        new RequestedDeployOutcome.Skipped(SkipReason.DUPLICATE).text(), "skipped:duplicate"),
                Arguments.of("a redeploy names the ECS service and who asked",
                        new RequestedDeployOutcome.Restarted("d-2", "api-blue", "rotation").text(),
                        "restarted api-blue (rotation)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestTexts")
    void requestTextIsTheLogLine(String description, String text, String expected) {
        assertThat(text).isEqualTo(expected);
    }

    static Stream<Arguments> completionTexts() {
        return Stream.of(
                Arguments.of("an ECS event shiplane is not waiting on",
                        new CompletionOutcome.Ignored("c/web is not managed by shiplane"),
                        "ignored: c/web is not managed by shiplane"),
                Arguments.of("a deployment ECS finished", new CompletionOutcome.Finished(DeploymentStatus.SUCCEEDED),
                        "succeeded"),
                Arguments.of("a lost announcement made again", new CompletionOutcome.Announced(DeploymentStatus.FAILED),
                        "announced failed"),
                Arguments.of("a progressive rollout's new colour is the step machine's line",
                        new CompletionOutcome.ByRollout(new RolloutOutcome.Shifted(1, 3, 10, Colour.GREEN)),
                        "step 1/3: 10% on green"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("completionTexts")
    void completionTextIsTheLogLine(String description, CompletionOutcome outcome, String expected) {
        assertThat(outcome.text()).isEqualTo(expected);
    }

    static Stream<Arguments> verificationTexts() {
        return Stream.of(
                Arguments.of("a verification with nothing to verify", new VerificationOutcome.Ignored("already verified"),
                        "ignored: already verified"),
                Arguments.of("alarms not quiet after the bake", new VerificationOutcome.NotVerified("web-5xx in ALARM"),
                        "not verified: web-5xx in ALARM"),
                Arguments.of("a revision now known-good", new VerificationOutcome.Verified("d-1"), "verified d-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verificationTexts")
    void verificationTextIsTheLogLine(String description, VerificationOutcome outcome, String expected) {
        assertThat(outcome.text()).isEqualTo(expected);
    }
}
