package dev.shiplane.core.ledger;

import dev.shiplane.core.deploy.EcsDeploymentEvent;
import dev.shiplane.core.deploy.RedeployService;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.config.Engine;
import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.config.TrafficPlan;
import dev.shiplane.core.events.CanaryStepDue;
import dev.shiplane.core.events.RedeployRequested;
import dev.shiplane.core.events.VerificationDue;
import dev.shiplane.core.fakes.Delivery;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.image.Registry;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import dev.shiplane.core.canary.Colour;
import dev.shiplane.core.canary.Signal;
import dev.shiplane.core.canary.StepSchedules;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * After every path — deploy, promote, abort, each kind of rollback, emergency rollback, redeploy, supersede — on every
 * engine, the head's stable revision is the one ECS runs: the service's, or a two-service app's live colour's.
 * Each row runs the path on fakes and names the revision it expects; the fake ECS must agree.
 */
class StableRevisionTest {

    static final TagPolicy ANY = new TagPolicy(new TagMatcher.AnyTag(), false, false);
    static final ShiplaneConfig CONFIG = new ShiplaneConfig(
            List.of(new EnvironmentSpec("prod", "monynha-prod", ANY)),
            List.of(new ServiceSpec("docs", List.of("monynha/docs"), "docs", "docs", Strategy.ROLLING,
                            List.of("prod-docs-5xx"), List.of("prod"), TrafficPlan.allAtOnce(Duration.ofMinutes(5)),
                            null),
                    new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.CANARY,
                            List.of("prod-web-5xx"), List.of("prod"), new TrafficPlan(List.of(10, 100),
                            Duration.ofMinutes(5)), null),
                    new ServiceSpec("api", List.of("monynha/api"), "api", "api", Strategy.CANARY,
                            List.of("prod-api-5xx"), List.of("prod"), new TrafficPlan(List.of(10, 100),
                            Duration.ofMinutes(5)), null, List.of(), Engine.ECS)));
    static final String CLUSTER = "monynha-prod";
    static final String DOCS_BASE = "arn:td/monynha-prod-docs:1";
    static final String WEB_BASE = "arn:td/monynha-prod-web:1";
    static final String API_BASE = "arn:td/monynha-prod-api:1";

    /** The fakes with prod's three services as shiplane first finds them. */
    static final class World {
        final Delivery d = new Delivery(CONFIG);
        final RedeployService redeploys = new RedeployService(CONFIG, d.ecs, d.ecs, d.ledger, d.bus, d.clock,
                Duration.ofSeconds(120));
        int pushes;

        World() {
            d.ecs.service(CLUSTER, "docs", DOCS_BASE, 2).image(DOCS_BASE, "docs",
                    "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/docs:1.0.0");
            d.ecs.service(CLUSTER, "web-blue", WEB_BASE, 3);
            d.ecs.service(CLUSTER, "web-green", WEB_BASE, 0);
            d.ecs.service(CLUSTER, "api", API_BASE, 2);
            d.alarms.set("prod-docs-5xx", "OK").set("prod-web-5xx", "OK").set("prod-api-5xx", "OK");
        }

        /** Pushes an image of {@code service}; returns the revision shiplane registered for it. */
        String push(String service) {
            d.clock.advance(Duration.ofSeconds(10));
            pushes++;
            var digit = Character.forDigit(pushes, 10);
            d.deploys.deploy(new ImagePush("p" + pushes, Registry.ECR, "123456789012.dkr.ecr.us-east-1.amazonaws.com",
                    "monynha/" + service, "1.0." + pushes, "sha256:" + String.valueOf(digit).repeat(64),
                    d.clock.instant().minusSeconds(1)));
            return d.ecs.registrations().getLast().arn();
        }

        ServiceState head(String service) {
            return d.ledger.serviceState("prod", service);
        }

        void ecsReports(String service, String ecsService, String eventName) {
            var head = head(service);
            var ecsId = head.rollout() != null && head.rollout().phase().active()
                    ? head.rollout().canaryEcsDeploymentId() : head.activeEcsDeploymentId();
            d.completions.onEcsDeploymentEvent(new EcsDeploymentEvent("ecs-" + pushes + eventName, CLUSTER, ecsService,
                    ecsId, eventName, EcsDeploymentEvent.FAILED.equals(eventName) ? "tasks failed to start" : null,
                    d.clock.instant()));
        }

        /** A rolling deployment of docs, completed and (if asked) verified after its bake. */
        String deployDocs(boolean verify) {
            var td = push("docs");
            ecsReports("docs", "docs", EcsDeploymentEvent.COMPLETED);
            var verification = (VerificationDue) d.scheduler.fire(StepSchedules.verification(
                    head("docs").activeDeploymentId()));
            if (verify) d.verifications.onDue(verification);
            return td;
        }

        /** A canary of web that became healthy; {@code promote} runs its steps to the promotion. */
        String canaryWeb(boolean promote) {
            var td = push("web");
            ecsReports("web", head("web").liveColour() == Colour.BLUE ? "web-green" : "web-blue",
                    EcsDeploymentEvent.COMPLETED);
            if (promote) {
                for (int step = 2; step <= 3; step++) {
                    d.clock.advance(Duration.ofMinutes(5));
                    var id = head("web").rollout().deploymentId();
                    var due = (CanaryStepDue) d.scheduler.fire(StepSchedules.step(id, step));
                    d.rollouts.handle(CONFIG.target("prod", "web").orElseThrow(),
                            new Signal.StepDue("due-" + id + step, due.deploymentId(), due.step()));
                }
            }
            return td;
        }

        String servingService(String service) {
            if (!service.equals("web")) return service;
            return head("web").liveColour() == Colour.BLUE ? "web-blue" : "web-green";
        }
    }

    static Arguments path(String name, String service, Function<World, String> path) {
        return Arguments.of(name, service, path);
    }

    static Stream<Arguments> paths() {
        return Stream.of(
                path("rolling deploy completed: the new revision", "docs", w -> w.deployDocs(false)),
                path("alarm in a rolling deployment's bake: the known-good revision restored", "docs", w -> {
                    var good = w.deployDocs(true);
                    w.deployDocs(false);
                    w.d.rollbacks.onAlarm("a1", "prod-docs-5xx", "5xx");
                    return good;
                }),
                path("first rolling deployment rolled back: the revision running before shiplane", "docs", w -> {
                    w.deployDocs(false);
                    w.d.rollbacks.onAlarm("a1", "prod-docs-5xx", "5xx");
                    return DOCS_BASE;
                }),
                path("ECS failure of a rolling deployment: the known-good revision restored", "docs", w -> {
                    var good = w.deployDocs(true);
                    w.push("docs");
                    w.d.rollbacks.onEcsFailure("f1", CLUSTER, "docs", w.head("docs").activeEcsDeploymentId(),
                            "circuit breaker");
                    return good;
                }),
                path("operator's rollback of a verified deployment: the one before it", "docs", w -> {
                    var good = w.deployDocs(true);
                    w.deployDocs(true);
                    w.d.rollbacks.onRequest("r1", "prod", "docs", "arn:ops", "bad release");
                    return good;
                }),
                path("emergency rollback of the environment: each service's restored revision", "docs", w -> {
                    var good = w.deployDocs(true);
                    w.deployDocs(true);
                    w.d.rollbacks.onRequest("r1", "prod", null, "arn:ops", "incident");
                    return good;
                }),
                path("redeploy after a rotation, of a restored revision: that revision", "docs", w -> {
                    w.deployDocs(false);
                    w.d.rollbacks.onAlarm("a1", "prod-docs-5xx", "5xx");
                    w.redeploys.redeploy(new RedeployRequested("prod", "docs", "rot-1", "rotation:db", "rotated",
                            w.d.clock.instant()));
                    w.ecsReports("docs", "docs", EcsDeploymentEvent.COMPLETED);
                    return DOCS_BASE;
                }),
                path("canary promoted: the new colour's revision", "web", w -> w.canaryWeb(true)),
                path("canary rolled back by an alarm: the live colour's revision", "web", w -> {
                    w.canaryWeb(false);
                    w.d.rollbacks.onAlarm("a1", "prod-web-5xx", "5xx");
                    return WEB_BASE;
                }),
                path("canary aborted by an operator: the live colour's revision", "web", w -> {
                    w.canaryWeb(false);
                    w.d.rollouts.handle(CONFIG.target("prod", "web").orElseThrow(),
                            new Signal.AbortRequested("op-1", "arn:ops", "not today"));
                    return WEB_BASE;
                }),
                path("canary's new colour failed in ECS: the live colour's revision", "web", w -> {
                    w.push("web");
                    w.ecsReports("web", "web-green", EcsDeploymentEvent.FAILED);
                    return WEB_BASE;
                }),
                path("canary superseded by a newer push, which is promoted: the newer revision", "web", w -> {
                    w.canaryWeb(false);
                    return w.canaryWeb(true);
                }),
                path("promoted canary rolled back by an operator: the restored revision on the live colour", "web",
                        w -> {
                            w.canaryWeb(true);
                            w.d.rollbacks.onRequest("r1", "prod", "web", "arn:ops", "bad release");
                            return WEB_BASE;
                        }),
                path("second canary promoted, then rolled back by an operator: the first one's revision", "web", w -> {
                    var first = w.canaryWeb(true);
                    w.canaryWeb(true);
                    w.d.rollbacks.onRequest("r1", "prod", "web", "arn:ops", "bad release");
                    return first;
                }),
                path("ECS's engine completed its deployment: the new revision", "api", w -> {
                    var td = w.push("api");
                    w.ecsReports("api", "api", EcsDeploymentEvent.COMPLETED);
                    return td;
                }),
                path("ECS's engine rolled back the first deployment: the revision running before shiplane", "api",
                        w -> {
                            w.push("api");
                            w.d.ecs.service(CLUSTER, "api", API_BASE); // what ECS's own rollback does to the service
                            w.ecsReports("api", "api", EcsDeploymentEvent.FAILED);
                            return API_BASE;
                        }),
                path("ECS's engine rolled its deployment back: the revision it ran before", "api", w -> {
                    var good = w.push("api");
                    w.ecsReports("api", "api", EcsDeploymentEvent.COMPLETED);
                    w.push("api");
                    w.d.ecs.service(CLUSTER, "api", good); // what ECS's own rollback does to the service
                    w.ecsReports("api", "api", EcsDeploymentEvent.FAILED);
                    return good;
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void stableRevisionIsWhatEcsRuns(String name, String service, Function<World, String> path) {
        var world = new World();

        var expected = path.apply(world);

        var head = world.head(service);
        assertThat(head.pending()).as("pending actions").isEmpty();
        assertThat(head.leaseOwner()).as("lease").isNull();
        assertThat(head.stableTaskDefinition()).as("the head's stable revision").isEqualTo(expected)
                .isEqualTo(world.d.ecs.taskDefinitionOf(CLUSTER, world.servingService(service)));
    }

    @Test
    void restartOfARevisionShiplaneDidNotRegister_recordsTheImageOfItsTaskDefinition() {
        var world = new World();
        world.redeploys.redeploy(new RedeployRequested("prod", "docs", "rot-1", "rotation:db", "rotated",
                world.d.clock.instant()));
        world.ecsReports("docs", "docs", EcsDeploymentEvent.COMPLETED);

        var head = world.head("docs");
        var image = StableRevision.imageOf(head.stableTaskDefinition(), world.d.ledger.history("prod", "docs", 10));

        assertThat(head.stableTaskDefinition()).isEqualTo(DOCS_BASE);
        assertThat(image).get().extracting(ImageRef::repository, ImageRef::tag)
                .containsExactly("monynha/docs", "1.0.0");
    }

    @Test
    void imageOfAStableRevision_isTheNewestDeploymentThatRanIt_notTheLastDeployment() {
        var world = new World();
        var good = world.deployDocs(true);
        world.deployDocs(false);
        world.d.rollbacks.onAlarm("a1", "prod-docs-5xx", "5xx");

        var image = StableRevision.imageOf(world.head("docs").stableTaskDefinition(),
                world.d.ledger.history("prod", "docs", 10));

        assertThat(world.head("docs").stableTaskDefinition()).isEqualTo(good);
        assertThat(image).get().extracting(ImageRef::tag).isEqualTo("1.0.1");
    }
}
