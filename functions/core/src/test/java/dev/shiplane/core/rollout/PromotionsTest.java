package dev.shiplane.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromotionsTest {

    static final TagPolicy ANY = new TagPolicy(new TagMatcher.AnyTag(), false, false);
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    final ShiplaneConfig config = new ShiplaneConfig(
            List.of(new EnvironmentSpec("staging", "monynha-staging", ANY),
                    new EnvironmentSpec("prod", "monynha-prod", ANY, "staging", Duration.ofMinutes(30))),
            List.of(new ServiceSpec("api", List.of("monynha/api"), "api", "api", Strategy.ROLLING, List.of(),
                    List.of("staging", "prod"))));

    Deployment succeeded(String from, String to, ImageRef image) {
        return new Deployment("d-1", "staging", "api", "p-1", image, DeploymentStatus.SUCCEEDED, null, from, to,
                "ecs-svc/1", NOW, NOW, NOW, null);
    }

    @Test
    void aDeploymentOfANewRevision_isPromotedAfterTheDelay() {
        var image = new ImageRef("ecr", "monynha/api", "2.0.0", "sha256:" + "a".repeat(64), "h/monynha/api@sha256:a");
        var actions = Promotions.after(config, config.target("staging", "api").orElseThrow(),
                succeeded("td/api:1", "td/api:2", image), NOW);

        assertThat(actions).singleElement().satisfies(a -> assertThat(a.at()).isEqualTo(NOW.plusSeconds(1800)));
    }

    @Test
    void aRedeployOfTheRunningRevision_isNotPromoted_evenWithAnUnknownImage() {
        var unknown = new ImageRef("unknown", "unknown", null, "unknown", "unknown");

        assertThat(Promotions.after(config, config.target("staging", "api").orElseThrow(),
                succeeded("td/api:2", "td/api:2", unknown), NOW)).isEmpty();
    }
}
