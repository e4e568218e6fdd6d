package dev.shiplane.contract.inbound;

import dev.shiplane.contract.MalformedEventException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.shiplane.core.image.ImageCommit;
import dev.shiplane.core.image.Registry;
import dev.shiplane.core.gate.ScanResult;
import dev.shiplane.testkit.RepoFiles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventParserTest {

    static InboundEvent parseSample(String name) {
        return EventParser.parse(RepoFiles.bytes("events/aws/" + name));
    }

    @Test
    void deployRequestBecomesAManualDeploy() {
        var event = EventParser.parse(RepoFiles.bytes("events/shiplane/deploy-requested.json"));

        assertThat(event).isInstanceOfSatisfying(InboundEvent.ManualDeploy.class, manual -> {
            assertThat(manual.request().env()).isEqualTo("staging");
            assertThat(manual.request().tag()).isEqualTo("2.0.0");
            assertThat(manual.request().digest()).isNull();
            assertThat(manual.request().requestedBy()).isEqualTo("arn:aws:iam::123456789012:user/ops");
        });
    }

    @Test
    void ecsHookAwaitingActionAsAwsDocumentsIt_namesTheWaitTheClusterAndTheService() {
        assertThat(parseSample("ecs-hook-state-change-awaiting-action.json"))
                .isInstanceOfSatisfying(InboundEvent.EcsHookState.class, hook -> {
                    var change = hook.change();
                    assertThat(change.pauseAwaitingAction()).isTrue();
                    assertThat(change.hookId()).isEqualTo("ecs-pause-e7tK9G_WRJqNF_EOMjztDXfKenlJuEUVjsNStf4WLKw");
                    assertThat(change.cluster()).isEqualTo("my-cluster");
                    assertThat(change.ecsService()).isEqualTo("my-service");
                    assertThat(change.serviceDeploymentArn()).endsWith(":service-deployment/my-cluster/my-service/"
                            + "0EYSiB0qap8xf0N76FsbE");
                    assertThat(change.expiresAt()).isEqualTo(Instant.parse("2026-03-05T16:04:41Z"));
                    assertThat(change.lifecycleStage()).isEqualTo("POST_TEST_TRAFFIC_SHIFT");
                });
    }

    @Test
    void ecsHookStateWithoutAServiceArn_isRefusedNamingTheField() {
        var body = RepoFiles.text("events/aws/ecs-hook-state-change-awaiting-action.json")
                .replace("\"serviceArn\": \"arn:aws:ecs:us-west-2:123456789012:service/my-cluster/my-service\"",
                        "\"serviceArn\": \"my-service\"");

        assertThatThrownBy(() -> EventParser.parse(body.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("detail.serviceArn");
    }

    @Test
    void stackUpdateCompleteIsASettledStack() {
        assertThat(parseSample("cloudformation-stack-update-complete.json"))
                .isInstanceOfSatisfying(InboundEvent.StackStatusChange.class, stack -> {
                    assertThat(stack.settled()).isTrue();
                    assertThat(stack.stackId()).contains(":stack/ShiplaneServiceInfra-prod/");
                });
    }

    @Test
    void ecrPushBecomesAnImagePush() {
        var event = parseSample("ecr-image-push.json");

        assertThat(event).isInstanceOfSatisfying(InboundEvent.EcrImageAction.class, ecr -> {
            assertThat(ecr.isSuccessfulPush()).isTrue();
            var push = ecr.push();
            assertThat(push.pushId()).isEqualTo("13cde686-328b-6117-af20-0e5566167482");
            assertThat(push.registry()).isEqualTo(Registry.ECR);
            assertThat(push.registryHost()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com");
            assertThat(push.repository()).isEqualTo("monynha/web");
            assertThat(push.tag()).isEqualTo("1.4.2");
            assertThat(push.pushedAt()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
            assertThat(push.pinnedUri()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/web@"
                    + "sha256:0b1f2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9");
        });
    }

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("ecr-image-push-extra-fields.json", "push"),
                Arguments.of("ecr-image-push-untagged.json", "push"),
                Arguments.of("ecr-image-delete.json", "ignored ECR action"),
                Arguments.of("ecr-image-push-failed.json", "ignored ECR action"),
                Arguments.of("ecs-deployment-completed.json", "ecs SERVICE_DEPLOYMENT_COMPLETED monynha-prod/web"),
                Arguments.of("ecs-deployment-failed.json", "ecs SERVICE_DEPLOYMENT_FAILED monynha-prod/docs"),
                Arguments.of("ecs-deployment-in-progress.json", "ecs SERVICE_DEPLOYMENT_IN_PROGRESS monynha-prod/web"),
                Arguments.of("ecr-image-scan-clean.json", "scan monynha/api@a200 [2.0.0] no findings"),
                Arguments.of("ecr-image-scan-tolerated.json",
                        "scan monynha/api@a200 [2.0.0] MEDIUM 3, LOW 7, INFORMATIONAL 12, UNDEFINED 1"),
                Arguments.of("ecr-image-scan-critical.json", "scan monynha/web@6c6c [1.6.0] CRITICAL 1, HIGH 2, MEDIUM 5, LOW 9"),
                Arguments.of("ecr-image-scan-failed.json", "scan monynha/web@6c6c [1.6.0] FAILED"),
                Arguments.of("inspector2-scan-critical.json", "scan monynha/web@6c6c [1.6.0] CRITICAL 1, HIGH 2, MEDIUM 5"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("samples")
    void samplesParseToTheirKind(String sample, String expected) {
        var summary = switch (parseSample(sample)) {
            case InboundEvent.EcrImageAction ecr -> ecr.isSuccessfulPush() ? "push" : "ignored ECR action";
            case InboundEvent.EcsDeployment ecs -> "ecs " + ecs.event().eventName() + " " + ecs.event().cluster()
                    + "/" + ecs.event().ecsService();
            case InboundEvent.ImagePushedEvent p -> "image pushed";
            case InboundEvent.ImageScan s -> "scan " + s.scan().repository() + "@" + s.scan().digest().substring(7, 11)
                    + " " + s.scan().tags() + " " + switch (s.scan().result()) {
                        case ScanResult.Complete c -> c.summary();
                        case ScanResult.Failed f -> f.status();
                        default -> "?";
                    };
            case InboundEvent.Unsupported u -> "unsupported";
            default -> "other";
        };
        assertThat(summary).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is a valid EventBridge envelope for the Lambda runtime serializer")
    @ValueSource(strings = {"ecr-image-push.json", "ecr-image-push-untagged.json", "ecr-image-delete.json",
            "ecs-deployment-completed.json", "ecs-deployment-failed.json", "ecr-image-push-extra-fields.json",
            "ecr-image-scan-critical.json", "ecr-image-scan-failed.json", "inspector2-scan-critical.json"})
    void samplesAreWhatTheLambdaRuntimeReads(String sample) {
        var runtimeView = EventLoader.loadScheduledEvent(RepoFiles.path("events/aws/" + sample).toString());
        var ours = parseSample(sample);

        assertThat(runtimeView.getId()).isEqualTo(ours.eventId());
        assertThat(runtimeView.getDetail()).isNotEmpty();
    }

    @Test
    void alarmStateChangeCarriesTheTimeTheAlarmChangedState() {
        var event = parseSample("cloudwatch-alarm-staging-api-5xx-alarm.json");

        assertThat(event).isInstanceOfSatisfying(InboundEvent.AlarmStateChange.class, alarm -> {
            assertThat(alarm.firing()).isTrue();
            // detail.state.timestamp is CloudWatch's "2026-11-26T10:31:00.000+0000", offset without a colon
            assertThat(alarm.changedAt()).isEqualTo(java.time.Instant.parse("2026-11-26T10:31:00Z"));
        });
    }

    @Test
    void alarmWithoutStateTimestampFallsBackToTheEventTime() {
        var json = new String(RepoFiles.bytes("events/aws/cloudwatch-alarm-staging-api-5xx-alarm.json"),
                java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"timestamp\": \"2026-11-26T10:31:00.000+0000\"", "\"note\": \"none\"")
                .replace("\"time\": \"2026-11-26T10:31:00Z\"", "\"time\": \"2026-11-26T10:31:05Z\"");
        var event = EventParser.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(((InboundEvent.AlarmStateChange) event).changedAt())
                .isEqualTo(java.time.Instant.parse("2026-11-26T10:31:05Z"));
    }

    @Test
    void imagePushedFromTheBusParsesBack() {
        var event = EventParser.parse(RepoFiles.bytes("events/shiplane/image-pushed.json"));
        assertThat(event).isInstanceOfSatisfying(InboundEvent.ImagePushedEvent.class,
                p -> assertThat(p.push().pushId()).isEqualTo("13cde686-328b-6117-af20-0e5566167482"));
    }

    @Test
    void promotionCleared_keepsTheSendersAccount_andTheImageItsSourceDeployed() {
        var event = EventParser.parse(RepoFiles.bytes("events/shiplane/promotion-cleared.json"));

        assertThat(event).isInstanceOfSatisfying(InboundEvent.PromotionClearance.class, c -> {
            assertThat(c.account()).isEqualTo("123456789012");
            assertThat(c.cleared().fromEnv() + "→" + c.cleared().toEnv()).isEqualTo("staging→prod");
            assertThat(c.cleared().deploymentId()).isEqualTo("d-5e0a9c1b2d3f4a5b6c7d");
            assertThat(c.cleared().image().digest()).startsWith("sha256:0b1f2c3d");
            assertThat(c.cleared().image().commit().sha()).isEqualTo("4f9c2a7d1e3b5c8f0a6d2e4b7c9f1a3d5e8b0c2f");
        });
    }

    @Test
    void imagePushed_carriesTheCommitItsImageNamed() {
        var event = EventParser.parse(RepoFiles.bytes("events/shiplane/image-pushed.json"));

        assertThat(((InboundEvent.ImagePushedEvent) event).push().commit()).isEqualTo(new ImageCommit(
                "8f14e45fceea167a5a36dedd4bea2543c9e1f7a0", java.time.Instant.parse("2026-11-26T09:41:07Z")));
    }

    @Test
    void imagePushed_withoutACommit_orWithoutItsTime_isStillAPush() {
        var sample = RepoFiles.text("events/shiplane/image-pushed.json");
        var noTime = sample.replaceAll(",\\s*\"committedAt\": \"[^\"]+\"", "");
        var noCommit = sample.replaceAll(",\\s*\"commit\": \\{[^}]+}", "");

        assertThat(((InboundEvent.ImagePushedEvent) EventParser.parse(noTime.getBytes(StandardCharsets.UTF_8)))
                .push().commit()).isEqualTo(new ImageCommit("8f14e45fceea167a5a36dedd4bea2543c9e1f7a0", null));
        assertThat(((InboundEvent.ImagePushedEvent) EventParser.parse(noCommit.getBytes(StandardCharsets.UTF_8)))
                .push().commit()).isNull();
    }

    @Test
    void imagePushed_withAMalformedCommit_isRefusedNamingTheField() {
        var sample = RepoFiles.text("events/shiplane/image-pushed.json");
        var badTime = sample.replace("\"committedAt\": \"2026-11-26T09:41:07Z\"", "\"committedAt\": \"yesterday\"");
        var noSha = sample.replace("\"sha\": \"8f14e45fceea167a5a36dedd4bea2543c9e1f7a0\",", "");

        assertThatThrownBy(() -> EventParser.parse(badTime.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("detail.commit.committedAt");
        assertThatThrownBy(() -> EventParser.parse(noSha.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("detail.commit.sha: missing");
    }

    @Test
    void checkEventsParseForTheChecksAndCanaryFunctions() {
        assertThat(EventParser.parse(RepoFiles.bytes("events/shiplane/health-check-due.json")))
                .isInstanceOfSatisfying(InboundEvent.HealthCheck.class, c -> {
                    assertThat(c.due().check()).isEqualTo("health");
                    assertThat(c.due().phase()).isEqualTo("pre-traffic");
                    assertThat(c.due().attempt()).isEqualTo(1);
                });
        assertThat(EventParser.parse(RepoFiles.bytes("events/shiplane/gate-passed-pre-traffic.json")))
                .isEqualTo(new InboundEvent.GateResult("8d2e3f4a-5b6c-4d7e-9f8a-0b1c2d3e4f5a", true, "pre-traffic",
                        "health", "staging", "web", "d-5e6f7a8b9c0d1e2f3a4b",
                        "health: 200, /status = \"ok\" in 38ms (attempt 1)"));
        assertThat(EventParser.parse(RepoFiles.bytes("events/shiplane/gate-failed-post-promotion.json")))
                .isInstanceOfSatisfying(InboundEvent.GateResult.class, g -> {
                    assertThat(g.passed()).isFalse();
                    assertThat(g.gate()).isEqualTo("post-promotion");
                });
        var withoutDeployment = RepoFiles.text("events/shiplane/gate-passed-pre-traffic.json")
                .replace("\"deploymentId\": \"d-5e6f7a8b9c0d1e2f3a4b\",", "");
        assertThatThrownBy(() -> EventParser.parse(withoutDeployment.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("deploymentId are required");
    }

    @Test
    void otherDetailTypesAreUnsupportedNotErrors() {
        var event = EventParser.parse(RepoFiles.bytes("events/shiplane/deployment-started.json"));
        assertThat(event).isInstanceOf(InboundEvent.Unsupported.class);
    }

    @Test
    void completedScanWithoutCountsKeepsThemMissing() {
        var body = RepoFiles.text("events/aws/ecr-image-scan-critical.json")
                .replaceAll("\"finding-severity-counts\": \\{[^}]*\\},", "");

        var event = (InboundEvent.ImageScan) EventParser.parse(body.getBytes(StandardCharsets.UTF_8));

        assertThat(event.scan().result()).isEqualTo(new ScanResult.Complete(null));
    }

    static Stream<Arguments> malformed() {
        var push = RepoFiles.text("events/aws/ecr-image-push.json");
        var ecs = RepoFiles.text("events/aws/ecs-deployment-completed.json");
        var scan = RepoFiles.text("events/aws/ecr-image-scan-critical.json");
        return Stream.of(
                Arguments.of("scan without digest", scan.replace("\"image-digest\"", "\"digest\""),
                        "detail.image-digest: missing"),
                Arguments.of("scan of a digest that is not sha256", scan.replace("sha256:6c6c", "md5:6c6c"),
                        "detail.image-digest: 'md5:6c6c"),
                Arguments.of("severity count that is not a number", scan.replace("\"HIGH\": 2", "\"HIGH\": \"two\""),
                        "detail.finding-severity-counts.HIGH: expected a count"),
                Arguments.of("negative severity count", scan.replace("\"HIGH\": 2", "\"HIGH\": -2"),
                        "detail.finding-severity-counts.HIGH: expected a count"),
                Arguments.of("truncated JSON", push.substring(0, 80), "event is not valid JSON"),
                Arguments.of("not an object", "[1,2]", "event is not a JSON object"),
                // Jackson's nesting limit fails without a location: found by the reliability suite's fuzzing
                Arguments.of("nested deeper than JSON parsing allows", "[".repeat(5000) + "]".repeat(5000),
                        "event is not valid JSON"),
                Arguments.of("empty body", "", "event is not"),
                Arguments.of("missing detail-type", push.replace("\"detail-type\"", "\"kind\""), "detail-type: missing"),
                Arguments.of("missing repository", push.replace("\"repository-name\"", "\"repo\""),
                        "detail.repository-name: missing"),
                Arguments.of("number where a string belongs", push.replace("\"1.4.2\"", "142"),
                        "detail.image-tag: expected a string, found number"),
                Arguments.of("digest that is not sha256", push.replace("sha256:0b1f", "md5:0b1f"), "digest must be sha256"),
                Arguments.of("time that is not ISO-8601", push.replace("2026-11-26T10:00:00Z", "yesterday"),
                        "time: 'yesterday' is not an ISO-8601 instant"),
                Arguments.of("huge string", push.replace("monynha/web", "x".repeat(5000)),
                        "detail.repository-name: longer than 2048 characters"),
                Arguments.of("huge string in a shiplane event", RepoFiles.text("events/shiplane/rollback-requested-emergency.json")
                        .replace("\"prod\"", "\"" + "x".repeat(5000) + "\""), "detail.env: longer than 2048 characters"),
                Arguments.of("text where a shiplane event has a boolean", RepoFiles.text(
                        "events/shiplane/rollback-requested-emergency.json").replace("\"all\": true", "\"all\": \"true\""),
                        "'Rollback Requested': all: expected true or false, found string"),
                Arguments.of("number where a shiplane event has text", RepoFiles.text(
                        "events/shiplane/rollback-requested-emergency.json").replace("\"prod\"", "7"),
                        "'Rollback Requested': env: expected a string, found number"),
                Arguments.of("ECS event without service ARN", ecs.replaceAll("\"arn:aws:ecs[^\"]*\"", "\"web\""),
                        "is not an ECS service ARN"),
                Arguments.of("detail not an object", push.replaceAll("(?s)\"detail\": \\{.*\\}\\s*}", "\"detail\": 5}"),
                        "detail: expected an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedEventsNameTheField(String description, String body, String expected) {
        assertThatThrownBy(() -> EventParser.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("x".repeat(100)));
    }
}
