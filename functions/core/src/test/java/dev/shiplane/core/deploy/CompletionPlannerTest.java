package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.ServiceState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.image.ImageRef;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompletionPlannerTest {

    static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    static final ServiceState ACTIVE = new ServiceState("prod", "web", 4, null, null, "d-1", "ecs-svc/7", NOW, null, null, null, null, null, null);

    static Deployment deployment(DeploymentStatus status, DeploymentStatus announced) {
        return new Deployment("d-1", "prod", "web", "p", new ImageRef("ecr", "monynha/web", "1.0.0", "sha256:x", "u"),
                status, announced, "td:1", "td:2", "ecs-svc/7", NOW, NOW, NOW, null);
    }

    static EcsDeploymentEvent event(String ecsId, String name) {
        return new EcsDeploymentEvent("e", "monynha-prod", "web", ecsId, name, "circuit breaker", NOW);
    }

    static Stream<Arguments> decisions() {
        var started = Optional.of(deployment(DeploymentStatus.STARTED, DeploymentStatus.STARTED));
        return Stream.of(
                Arguments.of("completed for the active deployment succeeds", event("ecs-svc/7", EcsDeploymentEvent.COMPLETED), started, "Finish:succeeded"),
                Arguments.of("failed for the active deployment fails", event("ecs-svc/7", EcsDeploymentEvent.FAILED), started, "Finish:failed"),
                Arguments.of("in-progress changes nothing", event("ecs-svc/7", "SERVICE_DEPLOYMENT_IN_PROGRESS"), started, "Ignore"),
                Arguments.of("event for an older ECS deployment is stale", event("ecs-svc/6", EcsDeploymentEvent.COMPLETED), started, "Ignore"),
                Arguments.of("second completed event is a duplicate", event("ecs-svc/7", EcsDeploymentEvent.COMPLETED),
                        Optional.of(deployment(DeploymentStatus.SUCCEEDED, DeploymentStatus.SUCCEEDED)), "Ignore"),
                Arguments.of("finished but unannounced is announced", event("ecs-svc/7", EcsDeploymentEvent.COMPLETED),
                        Optional.of(deployment(DeploymentStatus.SUCCEEDED, DeploymentStatus.STARTED)), "Announce"),
                Arguments.of("no active deployment recorded", event("ecs-svc/7", EcsDeploymentEvent.COMPLETED), Optional.empty(), "Ignore"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decides(String description, EcsDeploymentEvent event, Optional<Deployment> active, String expected) {
        assertThat(summary(CompletionPlanner.decide(event, ACTIVE, active))).isEqualTo(expected);
    }

    static Stream<Arguments> onEcsEngine() {
        var started = Optional.of(deployment(DeploymentStatus.STARTED, DeploymentStatus.STARTED));
        return Stream.of(
                Arguments.of("completed succeeds, as for a rolling service", event("ecs-svc/7", EcsDeploymentEvent.COMPLETED), started, "Finish:succeeded"),
                Arguments.of("failed is ECS's rollback: rolled back", event("ecs-svc/7", EcsDeploymentEvent.FAILED), started, "Finish:rolled_back"),
                Arguments.of("a rollback already recorded is not recorded twice", event("ecs-svc/7", EcsDeploymentEvent.FAILED),
                        Optional.of(deployment(DeploymentStatus.ROLLED_BACK, DeploymentStatus.ROLLED_BACK)), "Ignore"),
                Arguments.of("failed for an older ECS deployment is stale", event("ecs-svc/6", EcsDeploymentEvent.FAILED), started, "Ignore"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("onEcsEngine")
    void decidesForAServiceOnEcsEngine(String description, EcsDeploymentEvent event, Optional<Deployment> active,
                                       String expected) {
        assertThat(summary(CompletionPlanner.decide(event, ACTIVE, active, true))).isEqualTo(expected);
    }

    private static String summary(CompletionDecision decision) {
        var summary = switch (decision) {
            case CompletionDecision.Ignore i -> "Ignore";
            case CompletionDecision.Announce a -> "Announce";
            case CompletionDecision.Finish f -> "Finish:" + f.status().code();
        };
        return summary;
    }
}
