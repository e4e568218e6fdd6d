package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentId;
import dev.shiplane.core.ledger.DeploymentStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.events.DeploymentBlocked;
import dev.shiplane.core.events.DeploymentStarted;
import dev.shiplane.core.events.GateFailed;
import dev.shiplane.core.events.GatePassed;
import dev.shiplane.core.events.ScanTimeoutDue;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.fakes.Delivery;
import dev.shiplane.core.gate.ImageScanned;
import dev.shiplane.core.gate.ScanGate;
import dev.shiplane.core.gate.ScanResult;
import dev.shiplane.core.gate.Severity;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import dev.shiplane.core.canary.StepSchedules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scan gate on the deploy path: held, resumed, blocked, timed out, reported — on fakes. */
class ScanGateDeployTest {

    static final String HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
    static final TagPolicy ANY = new TagPolicy(new TagMatcher.AnyTag(), false, false);
    static final Duration TIMEOUT = Duration.ofMinutes(20);
    static final String DIGEST = "sha256:" + "c".repeat(64);

    final ShiplaneConfig config = new ShiplaneConfig(
            List.of(new EnvironmentSpec("staging", "monynha-staging", ANY, null, null,
                            new ScanGate(Severity.MEDIUM, false, TIMEOUT)),
                    new EnvironmentSpec("qa", "monynha-qa", ANY, null, null,
                            new ScanGate(Severity.MEDIUM, true, TIMEOUT)),
                    new EnvironmentSpec("prod", "monynha-prod", ANY, "staging", Duration.ofMinutes(30),
                            new ScanGate(Severity.MEDIUM, true, TIMEOUT))),
            List.of(new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.ROLLING, List.of(),
                    List.of("staging", "qa", "prod"))));
    final Delivery delivery = new Delivery(config);

    {
        delivery.ecs.service("monynha-staging", "web", "arn:aws:ecs:us-east-1:123456789012:task-definition/s-web:1")
                .service("monynha-qa", "web", "arn:aws:ecs:us-east-1:123456789012:task-definition/q-web:1")
                .service("monynha-prod", "web", "arn:aws:ecs:us-east-1:123456789012:task-definition/p-web:1");
    }

    final ImagePush push = new ImagePush("p1", Registry.ECR, HOST, "monynha/web", "1.6.0", DIGEST,
            delivery.clock.instant().minusSeconds(5));
    final String qaDeployment = DeploymentId.of("p1", "qa", "web");

    ImageScanned scanned(ScanResult result) {
        return new ImageScanned("monynha/web", DIGEST, List.of("1.6.0"), result, delivery.clock.instant());
    }


    @Test
    void pushToGatedEnvironment_isHeldAwaitingScan_withNothingDeployed() {
        var outcomes = delivery.deploys.deploy(push);

        assertThat(outcomes).extracting(TargetOutcome::env, TargetOutcome::result)
                .containsExactly(
                        tuple("staging", new DeployResult.Started()),
                        tuple("qa", new DeployResult.AwaitingScan()),
                        tuple("prod", new DeployResult.Skipped(SkipReason.PROMOTION)));
        assertThat(delivery.ledger.deployment("qa", "web", qaDeployment)).get()
                .extracting(Deployment::status).isEqualTo(DeploymentStatus.AWAITING_SCAN);
        assertThat(delivery.ecs.taskDefinitionOf("monynha-qa", "web")).endsWith("q-web:1");
        assertThat(delivery.scheduler.pending()).containsKey(StepSchedules.scanTimeout(qaDeployment));
        assertThat(delivery.scheduler.pending().get(StepSchedules.scanTimeout(qaDeployment)).at())
                .isEqualTo(delivery.clock.instant().plus(TIMEOUT));
    }

    @Test
    void redeliveredPushWhileAwaiting_staysAwaiting() {
        delivery.deploys.deploy(push);

        var again = delivery.deploys.deploy(push);

        assertThat(again).extracting(TargetOutcome::env, TargetOutcome::result)
                .contains(tuple("qa", new DeployResult.AwaitingScan()));
        assertThat(delivery.ecs.taskDefinitionOf("monynha-qa", "web")).endsWith("q-web:1");
    }

    @Test
    void cleanScan_resumesTheHeldDeployment_andCancelsTheTimeout() {
        delivery.deploys.deploy(push);
        delivery.bus.clear();

        var outcomes = delivery.scanGate.onScanned(scanned(new ScanResult.Complete(Map.of(Severity.LOW, 2))));

        assertThat(outcomes).extracting(TargetOutcome::env, TargetOutcome::result)
                .containsExactly(
                        tuple("staging", new DeployResult.Reported()),
                        tuple("qa", new DeployResult.Started()));
        assertThat(delivery.bus.published(GatePassed.class)).extracting(GatePassed::env, GatePassed::enforced)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("staging", false),
                        org.assertj.core.groups.Tuple.tuple("qa", true));
        assertThat(delivery.bus.published(DeploymentStarted.class)).extracting(DeploymentStarted::env)
                .containsExactly("qa");
        assertThat(delivery.ecs.taskDefinitionOf("monynha-qa", "web")).doesNotEndWith("q-web:1");
        assertThat(delivery.scheduler.pending()).doesNotContainKey(StepSchedules.scanTimeout(qaDeployment));
    }

    @Test
    void criticalFinding_blocksTheHeldDeployment_andDeploysNothing() {
        delivery.deploys.deploy(push);
        var rolloutsBefore = delivery.ecs.rollouts().size();
        delivery.bus.clear();

        var outcomes = delivery.scanGate.onScanned(scanned(
                new ScanResult.Complete(Map.of(Severity.CRITICAL, 1, Severity.HIGH, 2))));

        assertThat(outcomes).extracting(TargetOutcome::env, TargetOutcome::result)
                .containsExactly(
                        tuple("staging", new DeployResult.Reported()),
                        tuple("qa", new DeployResult.Blocked(ScanGate.NAME)));
        assertThat(delivery.bus.published(GateFailed.class)).extracting(GateFailed::env, GateFailed::enforced)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("staging", false),
                        org.assertj.core.groups.Tuple.tuple("qa", true));
        assertThat(delivery.bus.published(DeploymentBlocked.class)).singleElement().satisfies(b -> {
            assertThat(b.env()).isEqualTo("qa");
            assertThat(b.gate()).isEqualTo("scan");
            assertThat(b.reason()).contains("CRITICAL 1, HIGH 2");
        });
        assertThat(delivery.ecs.rollouts()).hasSize(rolloutsBefore);
        assertThat(delivery.ledger.deployment("qa", "web", qaDeployment)).get()
                .extracting(Deployment::status).isEqualTo(DeploymentStatus.BLOCKED);
        assertThat(delivery.scheduler.pending()).doesNotContainKey(StepSchedules.scanTimeout(qaDeployment));
    }

    @Test
    void redeliveredScanAfterTheDecision_changesNothing() {
        delivery.deploys.deploy(push);
        delivery.scanGate.onScanned(scanned(new ScanResult.Complete(Map.of(Severity.CRITICAL, 1))));
        delivery.bus.clear();

        var again = delivery.scanGate.onScanned(scanned(new ScanResult.Complete(Map.of(Severity.CRITICAL, 1))));

        assertThat(again).extracting(TargetOutcome::env, TargetOutcome::result)
                .containsExactly(tuple("staging", new DeployResult.Reported()));
        assertThat(delivery.bus.published(DeploymentBlocked.class)).isEmpty();
    }

    @Test
    void scanThatNeverArrives_isBlockedWhenTheTimeoutFires() {
        delivery.deploys.deploy(push);
        delivery.clock.advance(TIMEOUT);

        var due = (ScanTimeoutDue) delivery.scheduler.fire(StepSchedules.scanTimeout(qaDeployment));
        var outcome = delivery.scanGate.onScanTimeout(due);

        assertThat(outcome.result()).isEqualTo(new DeployResult.Blocked(ScanGate.NAME));
        assertThat(delivery.bus.published(DeploymentBlocked.class)).singleElement()
                .satisfies(b -> assertThat(b.reason()).isEqualTo("no scan result within 20m"));
        assertThat(delivery.ecs.taskDefinitionOf("monynha-qa", "web")).endsWith("q-web:1");
    }

    @Test
    void timeoutAfterTheScanDecided_isIgnored() {
        delivery.deploys.deploy(push);
        var due = (ScanTimeoutDue) delivery.scheduler.pending().get(StepSchedules.scanTimeout(qaDeployment)).event();
        delivery.scanGate.onScanned(scanned(new ScanResult.Complete(Map.of())));

        assertThat(delivery.scanGate.onScanTimeout(due).result()).isEqualTo(new DeployResult.Ignored("not awaiting its scan"));
    }

    @Test
    void failedScan_blocks() {
        delivery.deploys.deploy(push);

        delivery.scanGate.onScanned(scanned(new ScanResult.Failed("FAILED", "UnsupportedImageError")));

        assertThat(delivery.bus.published(DeploymentBlocked.class)).singleElement()
                .satisfies(b -> assertThat(b.reason()).contains("FAILED (UnsupportedImageError)"));
    }

    @Test
    void promotionToGatedProd_isJudgedOnTheScanAlreadyKnown() {
        delivery.scans.result(DIGEST, new ScanResult.Complete(Map.of(Severity.CRITICAL, 1)));
        var prod = config.target("prod", "web").orElseThrow();

        var outcome = delivery.deploys.promote(push, prod);

        assertThat(outcome.result()).isEqualTo(new DeployResult.Blocked(ScanGate.NAME));
        assertThat(delivery.ecs.taskDefinitionOf("monynha-prod", "web")).endsWith("p-web:1");
        assertThat(delivery.bus.published(DeploymentBlocked.class)).extracting(DeploymentBlocked::env)
                .containsExactly("prod");
    }

    @Test
    void promotionAwaitingItsScan_resumesAsAPromotion() {
        var prod = config.target("prod", "web").orElseThrow();
        assertThat(delivery.deploys.promote(push, prod).result()).isEqualTo(new DeployResult.AwaitingScan());

        var outcomes = delivery.scanGate.onScanned(scanned(new ScanResult.Complete(Map.of(Severity.MEDIUM, 1))));

        assertThat(outcomes).extracting(TargetOutcome::env, TargetOutcome::result)
                .contains(tuple("prod", new DeployResult.Started()));
        assertThat(delivery.ecs.taskDefinitionOf("monynha-prod", "web")).doesNotEndWith("p-web:1");
    }

    @Test
    void promotionAfterTheScanEventWasHandled_isJudgedOnTheRecordedResult() {
        delivery.deploys.deploy(push);
        delivery.scanGate.onScanned(scanned(new ScanResult.Complete(Map.of(Severity.CRITICAL, 1))));
        delivery.bus.clear();

        var outcome = delivery.deploys.promote(push, config.target("prod", "web").orElseThrow());

        assertThat(outcome.result()).isEqualTo(new DeployResult.Blocked(ScanGate.NAME));
        assertThat(delivery.bus.published(DeploymentBlocked.class)).singleElement()
                .satisfies(b -> assertThat(b.reason()).startsWith("CRITICAL 1"));
    }

    @Test
    void repositoryWithoutScanning_proceeds_withTheFactRecorded() {
        delivery.scans.result(DIGEST, new ScanResult.NotConfigured("monynha/web has no scan on push"));

        var outcomes = delivery.deploys.deploy(push);

        assertThat(outcomes).extracting(TargetOutcome::env, TargetOutcome::result)
                .contains(tuple("qa", new DeployResult.Started()));
        assertThat(delivery.bus.published(GatePassed.class)).filteredOn(g -> g.env().equals("qa")).singleElement()
                .satisfies(g -> assertThat(g.evidence()).isEqualTo("not scanned: monynha/web has no scan on push"));
    }
}
