package dev.shiplane.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.events.DeploymentRolledBack;
import dev.shiplane.core.events.DeploymentSkipped;
import dev.shiplane.core.events.DeploymentStarted;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.fakes.Delivery;
import dev.shiplane.core.freeze.CronSchedule;
import dev.shiplane.core.freeze.Freeze;
import dev.shiplane.core.freeze.FreezeWindow;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import dev.shiplane.core.freeze.Freezes;
import dev.shiplane.core.rollout.RolloutExecutor;
import dev.shiplane.core.rollout.RolloutStarter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Freezes on the deploy path: a push into a frozen environment is skipped ({@code freeze}); rollbacks go through. */
class FreezeDeployTest {

    static final TagPolicy ANY = new TagPolicy(new TagMatcher.AnyTag(), false, false);
    // The fake clock starts on Sunday 2026-11-01 10:00 UTC.
    static final ShiplaneConfig CONFIG = new ShiplaneConfig(
            List.of(new EnvironmentSpec("staging", "c-staging", ANY), new EnvironmentSpec("prod", "c-prod", ANY)),
            List.of(new ServiceSpec("api", List.of("monynha/api"), "api", "api", Strategy.ROLLING, List.of(),
                    List.of("staging", "prod"))),
            null, Map.of(), List.of(new FreezeWindow("sundays", List.of("prod"), CronSchedule.parse("* * * * SUN"),
                    null, null, ZoneOffset.UTC, "no deploys on Sundays")));

    final Delivery d = new Delivery(CONFIG);
    final Map<String, Freeze> adHoc = new HashMap<>();
    final Freezes freezes = new Freezes() {
        public Optional<Freeze> of(String env) { return Optional.ofNullable(adHoc.get(env)); }
        public void put(Freeze freeze) { adHoc.put(freeze.env(), freeze); }
        public void lift(String env) { adHoc.remove(env); }
    };
    DeployService deploys;

    @BeforeEach
    void world() {
        d.ecs.service("c-staging", "api", "arn:td/api:1");
        d.ecs.service("c-prod", "api", "arn:td/api:1");
        var executor = new RolloutExecutor(d.router, d.ecs, d.scheduler, d.bus);
        deploys = new DeployService(CONFIG, d.ecs, new RolloutStarter(d.ecs, d.router, executor, d.clock), d.ledger,
                d.bus, d.clock, Duration.ofSeconds(120), d.scans, d.scans, d.scheduler, freezes);
    }

    ImagePush push(String id, char digit) {
        return new ImagePush(id, Registry.ECR, "ecr.example", "monynha/api", "1.0." + digit,
                "sha256:" + String.valueOf(digit).repeat(64), d.clock.instant());
    }

    @Test
    void pushDuringACalendarWindow_isSkippedThere_andDeploysWhereNoWindowApplies() {
        var outcomes = deploys.deploy(push("p1", '1'));

        assertThat(outcomes).extracting(TargetOutcome::env, TargetOutcome::result)
                .containsExactly(
                        tuple("staging", new DeployResult.Started()),
                        tuple("prod", new DeployResult.Skipped(SkipReason.FREEZE)));
        var skipped = d.bus.published(DeploymentSkipped.class).getFirst();
        assertThat(skipped.reason()).isEqualTo("freeze");
        assertThat(skipped.detail()).contains("sundays", "no deploys on Sundays");
    }

    @Test
    void theWindowOver_theNextPushDeploys() {
        d.clock.advance(Duration.ofDays(1));

        assertThat(deploys.deploy(push("p2", '2'))).extracting(TargetOutcome::result).containsExactly(
                new DeployResult.Started(),
                new DeployResult.Started());
    }

    @Test
    void adHocFreeze_skipsUntilItEndsOrIsLifted() {
        d.clock.advance(Duration.ofDays(1));
        freezes.put(new Freeze("staging", "incident 42", d.clock.instant().plus(Duration.ofHours(2)), "arn:ops",
                d.clock.instant()));

        assertThat(deploys.deploy(push("p3", '3'))).extracting(TargetOutcome::result).containsExactly(
                new DeployResult.Skipped(SkipReason.FREEZE),
                new DeployResult.Started());
        assertThat(d.bus.published(DeploymentSkipped.class).getFirst().detail())
                .isEqualTo("staging is frozen until 2026-11-02T12:00:00Z by arn:ops: incident 42");

        freezes.lift("staging");
        assertThat(deploys.deploy(push("p4", '4')).getFirst().result()).isEqualTo(new DeployResult.Started());
    }

    @Test
    void rollbackDuringAFreeze_isNeverFrozen() {
        d.clock.advance(Duration.ofDays(6)); // Saturday: prod is open
        deploys.deploy(push("p5", '5'));
        d.clock.advance(Duration.ofDays(1)); // Sunday: prod is frozen

        d.rollbacks.onRequest("r-1", "prod", "api", "arn:ops", "bad release");

        assertThat(d.bus.published(DeploymentRolledBack.class)).extracting(DeploymentRolledBack::env)
                .containsExactly("prod");
        assertThat(d.bus.published(DeploymentStarted.class)).hasSize(2);
    }
}
