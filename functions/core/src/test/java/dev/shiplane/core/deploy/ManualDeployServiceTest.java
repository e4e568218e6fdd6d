package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.DeploymentId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.events.DeployRequested;
import dev.shiplane.core.events.DeploymentSkipped;
import dev.shiplane.core.events.DeploymentStarted;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.fakes.Delivery;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ManualDeployServiceTest {

    static final TagPolicy ANY = new TagPolicy(new TagMatcher.AnyTag(), false, false);
    static final ShiplaneConfig CONFIG = new ShiplaneConfig(
            List.of(new EnvironmentSpec("staging", "c-staging", ANY),
                    new EnvironmentSpec("prod", "c-prod", ANY, "staging", Duration.ofMinutes(30))),
            List.of(new ServiceSpec("api", List.of("monynha/api"), "api", "api", Strategy.ROLLING, List.of(),
                    List.of("staging", "prod"))));
    static final String HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
    static final String D1 = "sha256:" + "1".repeat(64);
    static final String D2 = "sha256:" + "2".repeat(64);

    final Delivery d = new Delivery(CONFIG);
    final Map<String, ImageRef> registry = Map.of(
            "1.0.0", new ImageRef("ecr", "monynha/api", "1.0.0", D1, HOST + "/monynha/api@" + D1),
            "2.0.0", new ImageRef("ecr", "monynha/api", "2.0.0", D2, HOST + "/monynha/api@" + D2));
    final ManualDeployService manual = new ManualDeployService(CONFIG,
            (account, repository, tag, digest) -> Optional.ofNullable(tag == null
                    ? registry.values().stream().filter(i -> i.digest().equals(digest)).findFirst().orElse(null)
                    : registry.get(tag)),
            d.ledger, d.deploys, d.bus, d.clock);

    @BeforeEach
    void services() {
        d.ecs.service("c-staging", "api", "arn:td/api:1");
        d.ecs.service("c-prod", "api", "arn:td/api:1");
    }

    DeployRequested request(String env, String tag, String digest, String id) {
        return new DeployRequested(env, "api", tag, digest, id, "arn:aws:iam::1:user/ops", "manual", d.clock.instant());
    }

    @Test
    void tagFromTheRegistry_deploysItsDigest_evenWhereImagesComeByPromotion() {
        var result = manual.deploy(request("prod", "2.0.0", null, "r-1"));

        assertThat(result).isEqualTo(new RequestedDeployOutcome.Deployed(new TargetOutcome("prod", "api",
                DeploymentId.of("deploy:r-1", "prod", "api"), new DeployResult.Started()), "arn:aws:iam::1:user/ops"));
        var started = d.bus.published(DeploymentStarted.class).getFirst();
        assertThat(started.env()).isEqualTo("prod");
        assertThat(started.image().digest()).isEqualTo(D2);
        assertThat(started.pushId()).isEqualTo("deploy:r-1");
    }

    @Test
    void explicitDeployOfAQuarantinedDigest_liftsTheQuarantine() {
        var head = d.ledger.serviceState("staging", "api");
        d.ledger.commit(List.of(), head.withQuarantine(D1, true).released(), head.version());

        manual.deploy(request("staging", null, D1, "r-2"));

        assertThat(d.ledger.serviceState("staging", "api").quarantined()).doesNotContain(D1);
        assertThat(d.bus.published(DeploymentStarted.class)).extracting(e -> e.image().digest()).containsExactly(D1);
    }

    @Test
    void sameRequestTwice_deploysOnce() {
        manual.deploy(request("staging", "1.0.0", null, "r-3"));
        manual.deploy(request("staging", "1.0.0", null, "r-3"));

        assertThat(d.bus.published(DeploymentStarted.class)).hasSize(1);
    }

    @Test
    void unknownTag_isSkippedAsNotFound_andTouchesNothing() {
        assertThat(manual.deploy(request("staging", "9.9.9", null, "r-4")))
                .isEqualTo(new RequestedDeployOutcome.Skipped(SkipReason.NOT_FOUND));

        assertThat(d.bus.published(DeploymentSkipped.class).getFirst().reason()).isEqualTo("not-found");
        assertThat(d.ecs.rollouts()).isEmpty();
    }
}
