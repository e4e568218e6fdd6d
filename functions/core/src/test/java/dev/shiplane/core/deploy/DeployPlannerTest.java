package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentId;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.ServiceState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.freeze.FreezeVerdict;
import dev.shiplane.core.gate.ScanCheck;
import dev.shiplane.core.gate.ScanVerdict;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.image.Registry;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import dev.shiplane.core.policy.TagVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeployPlannerTest {

    static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    static final Instant PUSHED = NOW.minusSeconds(5);
    static final String ID = DeploymentId.of("push-1", "staging", "web");
    static final ImagePush PUSH = new ImagePush("push-1", Registry.ECR, "123456789012.dkr.ecr.us-east-1.amazonaws.com",
            "monynha/web", "1.4.2", "sha256:" + "b".repeat(64), PUSHED);
    static final TagVerdict OK = new TagVerdict.Admitted("ok");
    static final TagPolicy ANY = new TagPolicy(new TagMatcher.AnyTag(), false, false);
    static final ServiceSpec WEB = new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.ROLLING,
            List.of(), List.of("staging", "prod"));
    static final Target STAGING = new Target(new EnvironmentSpec("staging", "monynha-staging", ANY, null, null,
            null), WEB);
    static final Target PROD = new Target(new EnvironmentSpec("prod", "monynha-prod", ANY, "staging",
            Duration.ofMinutes(30), null), WEB);
    static final FreezeVerdict OPEN = new FreezeVerdict.Open();
    static final FreezeVerdict FROZEN = new FreezeVerdict.Frozen("release freeze until Monday");
    static final ScanCheck UNGATED = new ScanCheck.Ungated();

    static ServiceState fresh() {
        return ServiceState.initial("staging", "web");
    }

    static ServiceState leased(String owner, Instant until) {
        return new ServiceState("staging", "web", 3, owner, until, null, null, PUSHED, null, null, null, null, null, null);
    }

    static ServiceState latestPushedAt(Instant at) {
        return new ServiceState("staging", "web", 3, null, null, "d-other", "ecs-svc/1", at, null, null, null, null, null, null);
    }

    static Deployment existing(DeploymentStatus status, DeploymentStatus announced) {
        return new Deployment(ID, "staging", "web", "push-1", ImageRef.of(PUSH), status, announced, null, null, null,
                PUSHED, NOW, NOW, null);
    }

    static Stream<Arguments> decisions() {
        var none = Optional.<Deployment>empty();
        return Stream.of(
                Arguments.of("policy rejection skips with its reason",
                        new TagVerdict.Rejected(SkipReason.POLICY, "no"), none, fresh(), "Skip:policy"),
                Arguments.of("untagged rejection keeps no-tag reason",
                        new TagVerdict.Rejected(SkipReason.NO_TAG, "no"), none, fresh(), "Skip:no-tag"),
                Arguments.of("first push to a service begins", OK, none, fresh(), "Begin"),
                Arguments.of("newer push after a finished one begins", OK, none, latestPushedAt(PUSHED.minusSeconds(60)), "Begin"),
                Arguments.of("push older than the latest is superseded", OK, none, latestPushedAt(PUSHED.plusSeconds(60)), "Skip:superseded"),
                Arguments.of("another deployment's live lease makes it busy", OK, none, leased("d-other", NOW.plusSeconds(30)), "Busy"),
                Arguments.of("another deployment's expired lease is taken over", OK, none, leased("d-other", NOW.minusSeconds(1)), "Begin"),
                Arguments.of("redelivered push already started is a duplicate", OK,
                        Optional.of(existing(DeploymentStatus.STARTED, DeploymentStatus.STARTED)), fresh(), "Skip:duplicate"),
                Arguments.of("redelivered push already succeeded is a duplicate", OK,
                        Optional.of(existing(DeploymentStatus.SUCCEEDED, DeploymentStatus.SUCCEEDED)), fresh(), "Skip:duplicate"),
                Arguments.of("started but never announced is announced", OK,
                        Optional.of(existing(DeploymentStatus.STARTED, null)), fresh(), "Announce"),
                Arguments.of("policy rejection wins over an existing entry", new TagVerdict.Rejected(SkipReason.POLICY, "no"),
                        Optional.of(existing(DeploymentStatus.STARTED, DeploymentStatus.STARTED)), fresh(), "Skip:policy"),
                Arguments.of("pending with its own live lease is in flight elsewhere", OK,
                        Optional.of(existing(DeploymentStatus.PENDING, null)), leased(ID, NOW.plusSeconds(30)), "Busy"),
                Arguments.of("pending with its own expired lease resumes", OK,
                        Optional.of(existing(DeploymentStatus.PENDING, null)), leased(ID, NOW.minusSeconds(1)), "Resume"),
                Arguments.of("pending with released lease resumes", OK,
                        Optional.of(existing(DeploymentStatus.PENDING, null)), latestPushedAt(PUSHED), "Resume"),
                Arguments.of("pending while another holds a live lease is busy", OK,
                        Optional.of(existing(DeploymentStatus.PENDING, null)), leased("d-other", NOW.plusSeconds(30)), "Busy"),
                Arguments.of("a digest rolled back here is quarantined", OK, none,
                        fresh().withQuarantine(PUSH.digest(), true), "Skip:quarantined"),
                Arguments.of("another digest is not affected by a quarantine", OK, none,
                        fresh().withQuarantine("sha256:" + "f".repeat(64), true), "Begin"),
                Arguments.of("pending overtaken by a newer push is superseded", OK,
                        Optional.of(existing(DeploymentStatus.PENDING, null)), latestPushedAt(PUSHED.plusSeconds(60)), "Skip:superseded"));
    }

    /** The freeze and the scan gate: asked only by a deployment about to begin. */
    static Stream<Arguments> gates() {
        var none = Optional.<Deployment>empty();
        var awaiting = Optional.of(existing(DeploymentStatus.AWAITING_SCAN, null));
        var pending = Optional.of(existing(DeploymentStatus.PENDING, null));
        var clean = new ScanVerdict.Pass("no findings");
        return Stream.of(
                Arguments.of("a frozen environment skips a push about to begin", none, FROZEN, UNGATED,
                        "Skip:freeze"),
                Arguments.of("a freeze does not stop a deployment already under way", pending, FROZEN, UNGATED,
                        "Resume"),
                Arguments.of("a freeze wins over the scan gate", none, FROZEN,
                        new ScanCheck.Enforced(new ScanVerdict.Wait()), "Skip:freeze"),
                Arguments.of("an enforced gate without a result holds the deployment", none, OPEN,
                        new ScanCheck.Enforced(new ScanVerdict.Wait()), "AwaitScan"),
                Arguments.of("an enforced gate refusing the image blocks it", none, OPEN,
                        new ScanCheck.Enforced(new ScanVerdict.Block("CRITICAL 1")), "ScanBlocked:CRITICAL 1"),
                Arguments.of("an enforced gate passing the image lets it begin", none, OPEN,
                        new ScanCheck.Enforced(clean), "Begin:Enforced"),
                Arguments.of("a report-only gate never blocks", none, OPEN,
                        new ScanCheck.Reported(new ScanVerdict.Block("CRITICAL 1")), "Begin:Reported"),
                Arguments.of("a deployment held for its scan is decided like a new one", awaiting, OPEN,
                        new ScanCheck.Enforced(clean), "Begin:Enforced"),
                Arguments.of("a deployment held for its scan stays held while the scan is pending", awaiting, OPEN,
                        new ScanCheck.Enforced(new ScanVerdict.Wait()), "AwaitScan"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gates")
    void gatesADeploymentAboutToBegin(String description, Optional<Deployment> existing, FreezeVerdict freeze,
                                      ScanCheck scan, String expected) {
        var facts = new DeployFacts.Known(existing, leased(ID, NOW.minusSeconds(1)), freeze, scan);
        assertThat(summary(DeployPlanner.decide(STAGING, PUSH, false, OK, facts, NOW))).isEqualTo(expected);
    }

    @Test
    void aPushToAnEnvironmentTakingImagesByPromotion_isSkippedWithoutAskingAnything() {
        var decision = DeployPlanner.decide(PROD, PUSH, false, OK, new Unasked(), NOW);

        assertThat(decision).isEqualTo(new DeployDecision.Skip(SkipReason.PROMOTION,
                "prod takes images by promotion from staging after 30m without alarms"));
    }

    @Test
    void aPromotionToThatEnvironment_isDecidedLikeAPush() {
        var facts = new DeployFacts.Known(Optional.empty(), ServiceState.initial("prod", "web"), OPEN, UNGATED);

        assertThat(DeployPlanner.decide(PROD, PUSH, true, OK, facts, NOW)).isEqualTo(new DeployDecision.Begin(UNGATED));
    }

    @Test
    void aRejectedTag_isSkippedWithoutReadingTheLedger() {
        var decision = DeployPlanner.decide(STAGING, PUSH, false, new TagVerdict.Rejected(SkipReason.POLICY, "no"),
                new Unasked(), NOW);

        assertThat(decision).isEqualTo(new DeployDecision.Skip(SkipReason.POLICY, "no"));
    }

    @Test
    void aDuplicate_asksNeitherTheFreezeNorTheScan() {
        var done = existing(DeploymentStatus.SUCCEEDED, DeploymentStatus.SUCCEEDED);
        var facts = new Unasked() {
            @Override public Optional<Deployment> existing() { return Optional.of(done); }
            @Override public ServiceState state() { return fresh(); }
        };

        assertThat(summary(DeployPlanner.decide(STAGING, PUSH, false, OK, facts, NOW))).isEqualTo("Skip:duplicate");
    }

    /** Answers nothing: a decision that asks fails the test (the deploy path would have read AWS for nothing). */
    static class Unasked implements DeployFacts {
        public Optional<Deployment> existing() { throw new AssertionError("the ledger was read"); }
        public ServiceState state() { throw new AssertionError("the ledger head was read"); }
        public FreezeVerdict freeze() { throw new AssertionError("the freezes were asked"); }
        public ScanCheck scan() { throw new AssertionError("the scan was looked up"); }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decides(String description, TagVerdict verdict, Optional<Deployment> existing, ServiceState state,
                 String expected) {
        var decision = DeployPlanner.decide(STAGING, PUSH, false, verdict,
                new DeployFacts.Known(existing, state, OPEN, UNGATED), NOW);
        assertThat(summary(decision)).isEqualTo(expected);
    }

    static String summary(DeployDecision d) {
        return switch (d) {
            case DeployDecision.Skip s -> "Skip:" + s.reason().code();
            case DeployDecision.Begin b when b.scan() instanceof ScanCheck.Ungated -> "Begin";
            case DeployDecision.Begin b -> "Begin:" + b.scan().getClass().getSimpleName();
            case DeployDecision.AwaitScan w -> "AwaitScan";
            case DeployDecision.ScanBlocked b -> "ScanBlocked:" + b.reason();
            case DeployDecision.Resume r -> "Resume";
            case DeployDecision.Announce a -> "Announce";
            case DeployDecision.Busy b -> "Busy";
        };
    }
}
