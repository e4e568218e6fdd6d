package dev.shiplane.core.ecsengine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.KnownGood;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.image.ImageRef;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShiplaneRevisionsTest {

    static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
    static final ServiceState STATE = ServiceState.initial("prod", "web").activated("d-4", "ecs-svc/4")
            .withKnownGood(new KnownGood("d-3", "td:3", "sha256:ok", T));

    static Optional<Deployment> active(DeploymentStatus status) {
        return Optional.of(new Deployment("d-4", "prod", "web", "p", new ImageRef("ecr", "monynha/web", "1.4.2",
                "sha256:x", "u"), status, status, "td:3", "td:4", "ecs-svc/4", T, T, T, null));
    }

    static Stream<Arguments> revisions() {
        return Stream.of(
                Arguments.of("the revision of shiplane's deployment under way", active(DeploymentStatus.STARTED), "td:4",
                        true),
                Arguments.of("a revision nobody in shiplane registered", active(DeploymentStatus.STARTED), "td:9",
                        false),
                Arguments.of("shiplane's rollback to a known-good revision", active(DeploymentStatus.ROLLED_BACK),
                        "td:3", true),
                Arguments.of("a known-good revision sent by someone else while nothing was rolled back",
                        active(DeploymentStatus.SUCCEEDED), "td:3", false),
                Arguments.of("the revision of a deployment already over", active(DeploymentStatus.SUCCEEDED), "td:4",
                        false),
                Arguments.of("nothing deployed by shiplane", Optional.empty(), "td:4", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("revisions")
    void tells(String description, Optional<Deployment> active, String taskDefinition, boolean expected) {
        assertThat(ShiplaneRevisions.startedByShiplane(STATE, active, taskDefinition)).isEqualTo(expected);
    }
}
