package dev.shiplane.core.revisions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.canary.Colour;
import dev.shiplane.core.canary.RolloutAction;
import dev.shiplane.core.config.Engine;
import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.events.DeploymentSucceeded;
import dev.shiplane.core.fakes.FakeFamilyRevisions;
import dev.shiplane.core.fakes.InMemoryLedger;
import dev.shiplane.core.fakes.MutableClock;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.ledger.KnownGood;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevisionCleanupServiceTest {

    static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    static final ShiplaneConfig CONFIG = new ShiplaneConfig(
            List.of(new EnvironmentSpec("staging", "monynha-staging", new TagPolicy(new TagMatcher.AnyTag(), false,
                    false))),
            List.of(service("web", Strategy.ROLLING, 2), service("api", Strategy.CANARY, 2),
                    service("docs", Strategy.ROLLING, ServiceSpec.DEFAULT_KEEP_REVISIONS)));

    static ServiceSpec service(String name, Strategy strategy, int keep) {
        return new ServiceSpec(name, List.of("monynha/" + name), name, name, strategy, List.of(), List.of("staging"),
                null, null, List.of(), Engine.SHIPLANE, null, null, null, keep);
    }

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryLedger ledger = new InMemoryLedger();
    final FakeFamilyRevisions ecs = new FakeFamilyRevisions();
    final RevisionCleanupService cleanup = new RevisionCleanupService(CONFIG, ledger, ecs, clock);

    /** The family's revisions, oldest first: the stack's bootstrap, then {@code count} of shiplane's. */
    List<String> family(String family, int count) {
        List<String> arns = new ArrayList<>();
        arns.add(ecs.register(family, false));
        for (int i = 0; i < count; i++) arns.add(ecs.register(family, true));
        return arns;
    }

    static DeploymentSucceeded succeeded(String service, String taskDefinition) {
        return new DeploymentSucceeded("staging", service, "d-1", new ImageRef("ecr", "monynha/" + service, "1.0.0",
                "sha256:x", "u"), taskDefinition, NOW, NOW, 60);
    }

    void head(ServiceState state) {
        ledger.commit(List.of(), state, 0);
    }

    static ServiceState state(String service, String stable, List<KnownGood> knownGood, String leaseOwner,
                              List<RolloutAction> pending) {
        return new ServiceState("staging", service, 1, leaseOwner, leaseOwner == null ? null : NOW.plusSeconds(60),
                null, null, NOW, stable, Colour.BLUE, null, pending, knownGood, List.of());
    }

    @Test
    void aSuccess_deregistersShiplanesRevisionsBeyondTheKeepCount_neitherTheBootstrapNorWhatRuns() {
        var web = family("monynha-staging-web", 5);
        ecs.runs("monynha-staging", "web", web.get(5));
        head(state("web", web.get(5), List.of(), null, List.of()));

        var outcome = cleanup.onSucceeded(succeeded("web", web.get(5)));

        assertThat(outcome).isEqualTo(new RevisionCleanupOutcome.Deregistered("monynha-staging-web",
                List.of(web.get(3), web.get(2), web.get(1))));
        assertThat(ecs.statusOf(web.get(0))).isEqualTo("ACTIVE");
        assertThat(web.subList(1, 4)).allSatisfy(arn -> assertThat(ecs.statusOf(arn)).isEqualTo("INACTIVE"));
        assertThat(web.subList(4, 6)).allSatisfy(arn -> assertThat(ecs.statusOf(arn)).isEqualTo("ACTIVE"));
    }

    @Test
    void aKnownGoodRevision_andOneEcsStillDrains_areSpared() {
        var web = family("monynha-staging-web", 5);
        ecs.runs("monynha-staging", "web", web.get(5), web.get(2));
        head(state("web", web.get(5), List.of(new KnownGood("d-1", web.get(1), "sha256:1", NOW)), null, List.of()));

        cleanup.onSucceeded(succeeded("web", web.get(5)));

        assertThat(ecs.deregistrations()).containsExactly(web.get(3));
    }

    @Test
    void bothColoursOfATwoColourService_areSpared() {
        var api = family("monynha-staging-api", 5);
        ecs.runs("monynha-staging", "api-blue", api.get(5)).runs("monynha-staging", "api-green", api.get(1));
        head(state("api", api.get(5), List.of(), null, List.of()));

        cleanup.onSucceeded(succeeded("api", api.get(5)));

        assertThat(ecs.deregistrations()).containsExactly(api.get(3), api.get(2));
    }

    @Test
    void theDefaultKeepsFive() {
        var docs = family("monynha-staging-docs", 6);
        ecs.runs("monynha-staging", "docs", docs.get(6));
        head(state("docs", docs.get(6), List.of(), null, List.of()));

        cleanup.onSucceeded(succeeded("docs", docs.get(6)));

        assertThat(ecs.deregistrations()).containsExactly(docs.get(1));
    }

    @Test
    void aRedeliveredSuccess_deregistersNothingMore() {
        var web = family("monynha-staging-web", 4);
        ecs.runs("monynha-staging", "web", web.get(4));
        head(state("web", web.get(4), List.of(), null, List.of()));
        cleanup.onSucceeded(succeeded("web", web.get(4)));

        var again = cleanup.onSucceeded(succeeded("web", web.get(4)));

        assertThat(again).isInstanceOf(RevisionCleanupOutcome.NothingToDeregister.class);
        assertThat(ecs.deregistrations()).containsExactly(web.get(2), web.get(1));
    }

    @Test
    void aServiceBeingChanged_isLeftForItsNextSuccess() {
        var web = family("monynha-staging-web", 5);
        head(state("web", web.get(5), List.of(), "d-2", List.of()));

        assertThat(cleanup.onSucceeded(succeeded("web", web.get(5))))
                .isInstanceOf(RevisionCleanupOutcome.Ignored.class);
        assertThat(ecs.deregistrations()).isEmpty();
    }

    @Test
    void aServiceWithActionsPending_isLeftForItsNextSuccess() {
        var web = family("monynha-staging-web", 5);
        head(state("web", web.get(5), List.of(), null, List.of(new RolloutAction.ScaleService(Colour.GREEN, 0))));

        assertThat(cleanup.onSucceeded(succeeded("web", web.get(5))))
                .isInstanceOf(RevisionCleanupOutcome.Ignored.class);
        assertThat(ecs.deregistrations()).isEmpty();
    }

    @Test
    void aServiceShiplaneDoesNotManageHere_isIgnored() {
        var web = family("monynha-staging-web", 5);

        assertThat(cleanup.onSucceeded(new DeploymentSucceeded("prod", "web", "d-1", new ImageRef("ecr",
                "monynha/web", "1.0.0", "sha256:x", "u"), web.get(5), NOW, NOW, 60)))
                .isInstanceOf(RevisionCleanupOutcome.Ignored.class);
        assertThat(ecs.deregistrations()).isEmpty();
    }
}
