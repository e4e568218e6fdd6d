package dev.shiplane.core.revisions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.canary.Colour;
import dev.shiplane.core.canary.Rollout;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.KnownGood;
import dev.shiplane.core.ledger.PendingApproval;
import dev.shiplane.core.ledger.ServiceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProtectedRevisionsTest {

    static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    static final ImageRef IMAGE = new ImageRef("ecr", "monynha/web", "1.0.0", "sha256:x", "u");
    static final ServiceState EMPTY = ServiceState.initial("staging", "web");

    static String td(int revision) {
        return "arn:aws:ecs:us-east-1:123456789012:task-definition/monynha-staging-web:" + revision;
    }

    static Deployment deployment(DeploymentStatus status, String from, String to) {
        return new Deployment("d-9", "staging", "web", "p", IMAGE, status, status, from, to, "ecs-svc/9", NOW, NOW,
                NOW, null);
    }

    static ServiceState state(String stable, Rollout rollout, List<KnownGood> knownGood) {
        return new ServiceState("staging", "web", 3, null, null, "d-9", "ecs-svc/9", NOW, stable, Colour.BLUE,
                rollout, List.of(), knownGood, List.of());
    }

    static Stream<Arguments> protections() {
        var rollout = Rollout.waiting("d-9", IMAGE, NOW, List.of(10, 100), Duration.ofMinutes(5), Colour.GREEN,
                td(8), td(7), "ecs-svc/9", null, NOW);
        return Stream.of(
                Arguments.of("nothing recorded and nothing running protects nothing", EMPTY, Optional.empty(),
                        Set.of(), Set.of()),
                Arguments.of("what ECS runs: every deployment of every ECS service (both colours, draining tasks,"
                        + " ECS's in-flight deployment)", EMPTY, Optional.empty(), Set.of(td(3), td(4), td(5)),
                        Set.of(3, 4, 5)),
                Arguments.of("a deployment in flight: its revision and the one it replaces", EMPTY,
                        Optional.of(deployment(DeploymentStatus.STARTED, td(5), td(6))), Set.of(), Set.of(5, 6)),
                Arguments.of("a deployment awaiting approval: promote goes on to its revision, abort returns",
                        EMPTY, Optional.of(deployment(DeploymentStatus.STARTED, td(5), td(6))
                                .withApproval(new PendingApproval("arn:sd/1", "hook-1", NOW), NOW)),
                        Set.of(), Set.of(5, 6)),
                Arguments.of("a finished deployment still names what a rollback of it returns to", EMPTY,
                        Optional.of(deployment(DeploymentStatus.SUCCEEDED, td(5), td(6))), Set.of(), Set.of(5, 6)),
                Arguments.of("the head's rollout: the new colour's revision and the live colour's",
                        state(null, rollout, List.of()), Optional.empty(), Set.of(), Set.of(7, 8)),
                Arguments.of("the stable revision", state(td(4), null, List.of()), Optional.empty(), Set.of(),
                        Set.of(4)),
                Arguments.of("every known-good revision, the baseline included", state(null, null, List.of(
                        new KnownGood("d-3", td(3), "sha256:3", NOW), new KnownGood(null, td(1), null, NOW))),
                        Optional.empty(), Set.of(), Set.of(1, 3)),
                Arguments.of("all of them at once", state(td(4), rollout,
                                List.of(new KnownGood("d-2", td(2), "sha256:2", NOW))),
                        Optional.of(deployment(DeploymentStatus.STARTED, td(7), td(8))), Set.of(td(9)),
                        Set.of(2, 4, 7, 8, 9)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protections")
    void protects(String description, ServiceState state, Optional<Deployment> active, Set<String> runByEcs,
                  Set<Integer> protectedRevisions) {
        var protections = ProtectedRevisions.of(state, active, runByEcs);

        assertThat(protections.keySet()).containsExactlyInAnyOrderElementsOf(
                protectedRevisions.stream().map(ProtectedRevisionsTest::td).toList());
        assertThat(protections.values()).allSatisfy(why -> assertThat(why).isNotBlank());
    }
}
