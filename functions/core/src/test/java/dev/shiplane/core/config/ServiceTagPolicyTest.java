package dev.shiplane.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.deploy.PushPlanner;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import dev.shiplane.core.policy.SemverRange;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import dev.shiplane.core.policy.TagVerdict;
import dev.shiplane.core.webhook.VersionTagChoice;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A service's own {@code tagPolicy} decides in place of its environments'; the verdict says which decided. */
class ServiceTagPolicyTest {

    static final TagPolicy RELEASES = new TagPolicy(new TagMatcher.Semver(SemverRange.parse(">=1.0.0"), false), false,
            false);
    static final TagPolicy COMMITS = new TagPolicy(new TagMatcher.Regex(Pattern.compile("[0-9a-f]{40}")), false, false);
    static final String SHA = "3c9e1f7a0b4d2e6f8a1c3e5b7d9f0a2c4e6b8d0f";

    static final EnvironmentSpec STAGING = new EnvironmentSpec("staging", "c-staging", RELEASES);
    static final ServiceSpec WEB = new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.ROLLING,
            List.of(), List.of("staging"));
    static final ServiceSpec WORKER = new ServiceSpec("worker", List.of("monynha/worker"), "worker", "worker",
            Strategy.ROLLING, List.of(), List.of("staging"), null, null, List.of(), Engine.SHIPLANE, null, null,
            COMMITS);
    static final ShiplaneConfig CONFIG = new ShiplaneConfig(List.of(STAGING), List.of(WEB, WORKER));

    static ImagePush push(String repository, String tag) {
        return new ImagePush("p", Registry.ECR, "ecr", repository, tag, "sha256:" + "a".repeat(64), Instant.EPOCH);
    }

    static Stream<Arguments> verdicts() {
        return Stream.of(
                Arguments.of("a service without its own policy follows the environment's", WEB, "1.4.2", true,
                        "environments.staging.tagPolicy"),
                Arguments.of("…which refuses a commit sha", WEB, SHA, false, "environments.staging.tagPolicy"),
                Arguments.of("a service tagged by commit takes the sha the environment would refuse", WORKER, SHA,
                        true, "services.worker.tagPolicy"),
                Arguments.of("…and refuses the semver the environment would take", WORKER, "1.4.2", false,
                        "services.worker.tagPolicy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void theServicesPolicyDecides_whereItHasOne(String description, ServiceSpec service, String tag, boolean admitted,
                                                String origin) {
        var target = new Target(STAGING, service);

        var verdict = target.tagVerdict(tag);

        assertThat(verdict).isInstanceOf(admitted ? TagVerdict.Admitted.class : TagVerdict.Rejected.class);
        assertThat(verdict.explanation()).endsWith("(" + origin + ")");
        assertThat(target.tagPolicyOrigin()).isEqualTo(origin);
        if (verdict instanceof TagVerdict.Rejected rejected) {
            assertThat(rejected.reason()).isEqualTo(SkipReason.POLICY);
        }
    }

    @Test
    void thePlanSaysWhichPolicyDecided() {
        var plans = PushPlanner.plan(CONFIG, push("monynha/worker", SHA));

        assertThat(plans).singleElement().satisfies(plan -> {
            assertThat(plan.deploys()).isTrue();
            assertThat(plan.verdict()).endsWith("(services.worker.tagPolicy)");
        });
        assertThat(PushPlanner.plan(CONFIG, push("monynha/web", SHA))).singleElement()
                .satisfies(plan -> {
                    assertThat(plan.deploys()).isFalse();
                    assertThat(plan.reason()).isEqualTo("policy");
                    assertThat(plan.verdict()).endsWith("(environments.staging.tagPolicy)");
                });
    }

    @Test
    void aGhcrDeliveryIsJudgedByTheServicesPolicy() {
        assertThat(VersionTagChoice.pushPolicies(CONFIG, push("monynha/worker", SHA))).containsExactly(COMMITS);
        assertThat(VersionTagChoice.pushPolicies(CONFIG, push("monynha/web", SHA))).containsExactly(RELEASES);
    }
}
