package dev.shiplane.core.ecsengine;

import dev.shiplane.core.ledger.PendingApproval;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.events.RolloutCommand.Kind;
import dev.shiplane.core.image.ImageRef;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NativeCommandPlannerTest {

    static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
    static final PendingApproval WAITING = new PendingApproval("arn:sd", "ecs-pause-1", T.plusSeconds(3600));

    static Optional<Deployment> deployment(DeploymentStatus status, PendingApproval approval) {
        return Optional.of(new Deployment("d-1", "prod", "web", "p", new ImageRef("ecr", "monynha/web", "1.4.2",
                "sha256:x", "u"), status, status, "td:1", "td:2", "ecs-svc/1", T, T, T, null, null, approval));
    }

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("promote while ECS waits for approval approves it", Kind.PROMOTE,
                        deployment(DeploymentStatus.STARTED, WAITING), "Approve"),
                Arguments.of("promote with nothing waiting changes nothing: ECS keeps its schedule", Kind.PROMOTE,
                        deployment(DeploymentStatus.STARTED, null), "Ignore"),
                Arguments.of("abort while ECS waits for approval refuses it", Kind.ABORT,
                        deployment(DeploymentStatus.STARTED, WAITING), "Refuse"),
                Arguments.of("abort while ECS shifts traffic stops the deployment", Kind.ABORT,
                        deployment(DeploymentStatus.STARTED, null), "Stop"),
                Arguments.of("abort after the deployment ended changes nothing", Kind.ABORT,
                        deployment(DeploymentStatus.SUCCEEDED, null), "Ignore"),
                Arguments.of("a redelivered abort finds the deployment aborted", Kind.ABORT,
                        deployment(DeploymentStatus.ABORTED, null), "Ignore"),
                Arguments.of("nothing deployed by shiplane", Kind.PROMOTE, Optional.empty(), "Ignore"),
                Arguments.of("pause is the shiplane engine's", Kind.PAUSE,
                        deployment(DeploymentStatus.STARTED, WAITING), "Ignore"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void plans(String description, Kind kind, Optional<Deployment> active, String expected) {
        assertThat(NativeCommandPlanner.plan(kind, active).getClass().getSimpleName()).isEqualTo(expected);
    }
}
