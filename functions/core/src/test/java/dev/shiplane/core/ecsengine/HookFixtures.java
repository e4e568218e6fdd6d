package dev.shiplane.core.ecsengine;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.Engine;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.config.TrafficPlan;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.events.DeploymentBlocked;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.GateFailed;
import dev.shiplane.core.events.GatePassed;
import dev.shiplane.core.events.TrafficShifted;
import dev.shiplane.core.gate.CheckResponse;
import dev.shiplane.core.gate.HttpCheck;
import dev.shiplane.core.gate.ScanGate;
import dev.shiplane.core.gate.Severity;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** web on ECS's engine in prod (canary [10, 100], an enforced scan gate, one pre-traffic and one post-promotion check). */
final class HookFixtures {

    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    static final String DIGEST = "sha256:" + "5e1f".repeat(16);
    static final ImageRef IMAGE = new ImageRef("ecr", "monynha/web", "1.5.0", DIGEST,
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/web@" + DIGEST);
    static final HttpCheck HEALTH = new HttpCheck("health", HttpCheck.Phase.PRE_TRAFFIC, "/api/health", 200,
            "/status", "ok", Duration.ofSeconds(2), 3, Duration.ofSeconds(30));
    static final HttpCheck SMOKE = new HttpCheck("smoke", HttpCheck.Phase.POST_PROMOTION, "/api/health", 200,
            null, null, Duration.ofSeconds(2), 1, Duration.ofSeconds(30));
    static final ScanGate GATE = new ScanGate(Severity.MEDIUM, true, Duration.ofMinutes(30));

    private HookFixtures() {}

    static EnvironmentSpec prod(ScanGate gate) {
        return new EnvironmentSpec("prod", "monynha-prod", new TagPolicy(new TagMatcher.AnyTag(), false, false), null,
                null, gate, "https://origin.monynha.dev");
    }

    static ServiceSpec web(Engine engine, List<HttpCheck> checks) {
        return new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.CANARY, List.of(),
                List.of("prod"), new TrafficPlan(List.of(10, 100), Duration.ofMinutes(5)), null, checks, engine);
    }

    static Target target() {
        return new Target(prod(GATE), web(Engine.ECS, List.of(HEALTH, SMOKE)));
    }

    static Deployment deployment(String id, DeploymentStatus status) {
        return new Deployment(id, "prod", "web", "push-1", IMAGE, status, status, "web:6", "web:7", "ecs-svc/1",
                NOW.minusSeconds(600), NOW.minusSeconds(60), NOW.minusSeconds(60), null);
    }

    static CheckResponse answered(int status, String field) {
        return new CheckResponse.Answered(status, field == null ? new CheckResponse.FieldReading.NotAsked()
                : new CheckResponse.FieldReading.Found(field), Duration.ofMillis(20));
    }

    /** An event as a row expects it: its type and what tells it apart. */
    static String describe(DomainEvent event) {
        return switch (event) {
            case DeploymentBlocked b -> "Deployment Blocked " + b.gate() + " " + b.deploymentId();
            case GateFailed f -> "Gate Failed " + f.gate() + (f.check() == null ? "" : " " + f.check());
            case GatePassed p -> "Gate Passed " + p.gate() + (p.check() == null ? "" : " " + p.check());
            case TrafficShifted t -> "Traffic Shifted " + t.canaryWeight() + "/" + t.stableWeight() + " step "
                    + t.step() + "/" + t.steps() + " " + t.canaryColour() + " " + t.deploymentId();
            default -> event.detailType();
        };
    }
}
