package dev.shiplane.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.image.Registry;
import dev.shiplane.core.policy.TagVerdict;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeployPlannerTest {

    static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    static final Instant PUSHED = NOW.minusSeconds(5);
    static final String ID = "d-this";
    static final ImagePush PUSH = new ImagePush("push-1", Registry.ECR, "123456789012.dkr.ecr.us-east-1.amazonaws.com",
            "monynha/web", "1.4.2", "sha256:" + "b".repeat(64), PUSHED);
    static final TagVerdict OK = new TagVerdict.Admitted("ok");

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

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decides(String description, TagVerdict verdict, Optional<Deployment> existing, ServiceState state,
                 String expected) {
        var decision = DeployPlanner.decide(PUSH, verdict, ID, existing, state, NOW);
        assertThat(summary(decision)).isEqualTo(expected);
    }

    static String summary(DeployDecision d) {
        return switch (d) {
            case DeployDecision.Skip s -> "Skip:" + s.reason().code();
            case DeployDecision.Begin b -> "Begin";
            case DeployDecision.Resume r -> "Resume";
            case DeployDecision.Announce a -> "Announce";
            case DeployDecision.Busy b -> "Busy";
        };
    }
}
