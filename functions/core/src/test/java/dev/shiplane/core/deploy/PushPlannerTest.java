package dev.shiplane.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.config.TrafficPlan;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import dev.shiplane.core.policy.SemverRange;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PushPlannerTest {

    static final TagPolicy RELEASES = new TagPolicy(new TagMatcher.Semver(SemverRange.parse(">=1.0.0"), false), false,
            false);
    static final ShiplaneConfig CONFIG = new ShiplaneConfig(
            List.of(new EnvironmentSpec("staging", "c-staging", RELEASES),
                    new EnvironmentSpec("prod", "c-prod", RELEASES, "staging", Duration.ofMinutes(30))),
            List.of(new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.CANARY, List.of(),
                            List.of("staging", "prod"), new TrafficPlan(List.of(10, 50, 100), Duration.ofMinutes(5)),
                            null),
                    new ServiceSpec("docs", List.of("monynha/docs"), "docs", "docs", Strategy.ROLLING, List.of(),
                            List.of("staging"))));

    static ImagePush push(String repository, String tag) {
        return new ImagePush("p", Registry.ECR, "ecr", repository, tag, "sha256:" + "a".repeat(64), Instant.EPOCH);
    }

    static Stream<Arguments> plans() {
        return Stream.of(
                Arguments.of("a release deploys where pushes go and waits for promotion elsewhere",
                        push("monynha/web", "1.5.0"), List.of("staging/web deploy canary [10, 50, 100]",
                                "prod/web promotion canary [10, 50, 100]")),
                Arguments.of("a pre-release is refused by the policy", push("monynha/web", "1.5.0-rc.1"),
                        List.of("staging/web policy canary [10, 50, 100]", "prod/web promotion canary [10, 50, 100]")),
                Arguments.of("latest is refused unless allowed", push("monynha/docs", "latest"),
                        List.of("staging/docs policy rolling [100]")),
                Arguments.of("a digest-only push needs allowUntagged", push("monynha/docs", null),
                        List.of("staging/docs no-tag rolling [100]")),
                Arguments.of("an unknown repository has no plan", push("monynha/legacy", "1.0.0"), List.of()));
    }

    @org.junit.jupiter.api.Test
    void thePlanNamesTheGatesADeploymentMeets_inOrder() {
        var health = new dev.shiplane.core.gate.HttpCheck("health", dev.shiplane.core.gate.HttpCheck.Phase.PRE_TRAFFIC,
                "/api/health", 200, null, null, Duration.ofSeconds(2), 3, Duration.ofSeconds(30));
        var smoke = new dev.shiplane.core.gate.HttpCheck("smoke", dev.shiplane.core.gate.HttpCheck.Phase.POST_PROMOTION,
                "/login", 200, null, null, Duration.ofSeconds(2), 1, Duration.ofSeconds(30));
        var gated = new ShiplaneConfig(
                List.of(new EnvironmentSpec("staging", "c-staging", RELEASES, null, null,
                                new dev.shiplane.core.gate.ScanGate(dev.shiplane.core.gate.Severity.MEDIUM, false,
                                        Duration.ofMinutes(30)), "https://staging.example.com"),
                        new EnvironmentSpec("prod", "c-prod", RELEASES, null, null,
                                new dev.shiplane.core.gate.ScanGate(dev.shiplane.core.gate.Severity.HIGH, true,
                                        Duration.ofMinutes(20)), "https://example.com")),
                List.of(new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.CANARY, List.of(),
                        List.of("staging", "prod"), null, null, List.of(health, smoke))));

        assertThat(PushPlanner.plan(gated, push("monynha/web", "1.5.0"))).extracting(PushPlan::gates).containsExactly(
                "scan reported only; pre-traffic: health; post-promotion: smoke",
                "scan ≤ HIGH (waits up to 20m); pre-traffic: health; post-promotion: smoke");
        assertThat(PushPlanner.plan(CONFIG, push("monynha/docs", "1.0.0"))).extracting(PushPlan::gates)
                .containsExactly("none");
    }

    @org.junit.jupiter.api.Test
    void onEcsEngine_anApprovalEnvironmentPlansTheWaitBeforeProductionTraffic() {
        var config = dev.shiplane.core.ecsengine.NativeDeploymentTest.config(
                new dev.shiplane.core.config.Approval(true, Duration.ofHours(24)));

        assertThat(PushPlanner.plan(config, push("monynha/web", "1.5.0"))).extracting(PushPlan::gates)
                .containsExactly("approval before production traffic (rolled back after 1440m unanswered)");
    }

    @org.junit.jupiter.api.Test
    void aFrozenEnvironment_isPlannedAsAFreezeSkip_withWhoFrozeIt() {
        var now = Instant.parse("2026-11-26T10:00:00Z");
        var freeze = new dev.shiplane.core.freeze.Freeze("staging", "incident 42", now.plusSeconds(3600), "arn:ops",
                now);
        var freezes = new dev.shiplane.core.freeze.Freezes() {
            public java.util.Optional<dev.shiplane.core.freeze.Freeze> of(String env) {
                return java.util.Optional.of(freeze).filter(f -> f.env().equals(env));
            }
            public void put(dev.shiplane.core.freeze.Freeze f) {}
            public void lift(String env) {}
        };

        var plans = PushPlanner.plan(CONFIG, push("monynha/docs", "1.2.0"), now, freezes);

        assertThat(plans).extracting(p -> p.deploys() + " " + p.reason() + " " + p.freeze())
                .containsExactly("false freeze frozen: staging is frozen until 2026-11-26T11:00:00Z by arn:ops:"
                        + " incident 42");
        assertThat(PushPlanner.plan(CONFIG, push("monynha/docs", "1.2.0"), now.plusSeconds(3600), freezes))
                .extracting(PushPlan::deploys).containsExactly(true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void plansWhatThePushWouldDo(String description, ImagePush push, List<String> expected) {
        assertThat(PushPlanner.plan(CONFIG, push))
                .extracting(p -> p.env() + "/" + p.service() + " " + (p.deploys() ? "deploy" : p.reason()) + " "
                        + p.strategy() + " " + p.steps())
                .containsExactlyElementsOf(expected);
    }
}
