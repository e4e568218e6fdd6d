package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.ServiceBusyException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.events.DeploymentFailed;
import dev.shiplane.core.events.DeploymentSkipped;
import dev.shiplane.core.events.DeploymentStarted;
import dev.shiplane.core.events.DeploymentSucceeded;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.fakes.Delivery;
import dev.shiplane.core.fakes.FakeEcs;
import dev.shiplane.core.fakes.InMemoryLedger;
import dev.shiplane.core.fakes.MutableClock;
import dev.shiplane.core.fakes.RecordingBus;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import dev.shiplane.core.policy.SemverRange;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeployServiceTest {

    static final String HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
    static final String STAGING_TD = "arn:aws:ecs:us-east-1:123456789012:task-definition/monynha-staging-web:1";
    static final String PROD_TD = "arn:aws:ecs:us-east-1:123456789012:task-definition/monynha-prod-web:1";

    final ShiplaneConfig config = new ShiplaneConfig(
            List.of(new EnvironmentSpec("staging", "monynha-staging",
                            new TagPolicy(new TagMatcher.Semver(SemverRange.parse(">=0.1.0"), true), false, false)),
                    new EnvironmentSpec("prod", "monynha-prod",
                            new TagPolicy(new TagMatcher.Semver(SemverRange.parse(">=1.0.0"), false), false, false))),
            List.of(new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.ROLLING, List.of(),
                    List.of("staging", "prod"))));
    final Delivery delivery = new Delivery(config);
    final MutableClock clock = delivery.clock;
    final InMemoryLedger ledger = delivery.ledger;
    final RecordingBus bus = delivery.bus;
    final FakeEcs ecs = delivery.ecs.service("monynha-staging", "web", STAGING_TD).service("monynha-prod", "web", PROD_TD);
    final DeployService service = delivery.deploys;
    final DeploymentCompletion completion = delivery.completions;

    ImagePush push(String id, String tag, char digit, Instant pushedAt) {
        return new ImagePush(id, Registry.ECR, HOST, "monynha/web", tag, "sha256:" + String.valueOf(digit).repeat(64),
                pushedAt);
    }

    ImagePush push(String id, String tag) {
        return push(id, tag, 'a', clock.instant().minusSeconds(3));
    }

    @Test
    void pushDeploysToEveryEnvironmentItsPolicyAdmits() {
        var outcomes = service.deploy(push("p1", "1.4.2"));

        assertThat(outcomes).extracting(TargetOutcome::result).containsExactly(
                new DeployResult.Started(),
                new DeployResult.Started());
        assertThat(ecs.registrations()).extracting(FakeEcs.Registration::image)
                .containsOnly(HOST + "/monynha/web@sha256:" + "a".repeat(64));
        assertThat(ecs.registrations()).allSatisfy(r -> assertThat(r.labels())
                .containsEntry(DeployService.LABEL_TAG, "1.4.2").containsKey(DeployService.LABEL_DEPLOYMENT));
        assertThat(ecs.taskDefinitionOf("monynha-prod", "web")).endsWith("monynha-prod-web:3");
        var started = bus.published(DeploymentStarted.class);
        assertThat(started).extracting(DeploymentStarted::env).containsExactly("staging", "prod");
        assertThat(started.getFirst().fromTaskDefinition()).isEqualTo(STAGING_TD);
        var state = ledger.serviceState("prod", "web");
        assertThat(state.leaseOwner()).isNull();
        assertThat(state.activeEcsDeploymentId()).isNotNull();
    }

    @Test
    void leaseWriteWhoseAnswerWasLost_givesTheLeaseBack_soTheRedeliveredPushDeploysAtOnce() {
        ledger.loseAnswerOfNextCommit();

        assertThatThrownBy(() -> service.deploy(push("p1", "1.4.2"))).hasMessageContaining("answer lost");
        assertThat(ledger.serviceState("staging", "web").leaseOwner()).as("lease given back").isNull();
        assertThat(ecs.registrations()).isEmpty();

        // redelivered at once (no time passes): not refused as busy, and deployed once per environment
        var again = service.deploy(push("p1", "1.4.2"));

        assertThat(again).extracting(TargetOutcome::result).containsExactly(
                new DeployResult.Started(),
                new DeployResult.Started());
        assertThat(bus.published(DeploymentStarted.class)).extracting(DeploymentStarted::env)
                .containsExactly("staging", "prod");
        assertThat(ecs.registrations()).hasSize(2);
    }

    @Test
    void duplicatePushEvent_deploysOnce() {
        service.deploy(push("p1", "1.4.2"));
        bus.clear();

        var again = service.deploy(push("p1", "1.4.2"));

        assertThat(again).extracting(TargetOutcome::result).containsOnly(
                new DeployResult.Skipped(SkipReason.DUPLICATE));
        assertThat(ecs.registrations()).hasSize(2);
        assertThat(ecs.rollouts()).hasSize(2);
        assertThat(bus.published(DeploymentSkipped.class)).extracting(DeploymentSkipped::reason).containsOnly("duplicate");
    }

    @Test
    void preReleaseReachesStagingOnly() {
        var outcomes = service.deploy(push("p1", "2.1.0-rc.1"));

        assertThat(outcomes).extracting(TargetOutcome::env, TargetOutcome::result)
                .containsExactly(
                        tuple("staging", new DeployResult.Started()),
                        tuple("prod", new DeployResult.Skipped(SkipReason.POLICY)));
        assertThat(ecs.taskDefinitionOf("monynha-prod", "web")).isEqualTo(PROD_TD);
    }

    @Test
    void unknownRepositoryIsSkippedWithReason() {
        var foreign = new ImagePush("p9", Registry.ECR, HOST, "monynha/legacy", "1.0.0", "sha256:" + "d".repeat(64),
                clock.instant());
        service.deploy(foreign);

        assertThat(bus.published(DeploymentSkipped.class)).singleElement()
                .satisfies(s -> {
                    assertThat(s.reason()).isEqualTo("unknown-repository");
                    assertThat(s.env()).isNull();
                });
        assertThat(ecs.registrations()).isEmpty();
    }

    @Test
    void olderPushArrivingLate_isSupersededByTheNewerImage() {
        var newer = push("p2", "1.5.0", 'b', clock.instant().minusSeconds(1));
        var older = push("p1", "1.4.2", 'a', clock.instant().minusSeconds(30));
        service.deploy(newer);

        var outcomes = service.deploy(older);

        assertThat(outcomes).extracting(TargetOutcome::result).containsOnly(
                new DeployResult.Skipped(SkipReason.SUPERSEDED));
        assertThat(ecs.taskDefinitionOf("monynha-prod", "web")).isEqualTo(ecs.registrations().get(1).arn());
    }

    @Test
    void newerPushWhileRolling_supersedesTheRunningDeployment() {
        service.deploy(push("p1", "1.4.2", 'a', clock.instant().minusSeconds(30)));
        var first = ledger.serviceState("prod", "web").activeDeploymentId();

        service.deploy(push("p2", "1.5.0", 'b', clock.instant().minusSeconds(1)));

        assertThat(ledger.deployment("prod", "web", first)).get().extracting(Deployment::status)
                .isEqualTo(DeploymentStatus.SUPERSEDED);
    }

    @Test
    void serviceLeasedByAnotherInvocation_failsForRetryAfterHandlingTheRest() {
        var state = ledger.serviceState("prod", "web");
        ledger.commit(List.of(), state.leasedTo("d-someone", clock.instant().plusSeconds(60), clock.instant()), 0);

        assertThatThrownBy(() -> service.deploy(push("p1", "1.4.2", 'a', clock.instant().plusSeconds(1))))
                .isInstanceOf(ServiceBusyException.class)
                .hasMessageContaining("prod/web");
        assertThat(bus.published(DeploymentStarted.class)).extracting(DeploymentStarted::env).containsExactly("staging");
    }

    @Test
    void crashAfterRegistering_retryResumesWithoutASecondRevision() {
        ecs.failNextRollouts(1);
        assertThatThrownBy(() -> service.deploy(push("p1", "1.4.2"))).hasMessageContaining("throttled");
        assertThat(ecs.registrations()).hasSize(1);

        service.deploy(push("p1", "1.4.2"));

        assertThat(ecs.registrations()).hasSize(2); // staging once, prod once
        assertThat(bus.published(DeploymentStarted.class)).extracting(DeploymentStarted::env)
                .containsExactlyInAnyOrder("staging", "prod");
        assertThat(ledger.serviceState("staging", "web").leaseOwner()).isNull();
    }

    @Test
    void busDownAfterDeploying_retryAnnouncesInsteadOfSkipping() {
        bus.failNext(1);
        assertThatThrownBy(() -> service.deploy(push("p1", "1.4.2"))).hasMessageContaining("bus unavailable");

        var retry = service.deploy(push("p1", "1.4.2"));

        assertThat(retry).extracting(TargetOutcome::result).containsExactly(
                new DeployResult.Announced(),
                new DeployResult.Started());
        assertThat(bus.published(DeploymentStarted.class)).hasSize(2);
        assertThat(ecs.rollouts()).hasSize(2);
    }

    @Test
    void ecsCompletion_marksSucceededAndRecordsTheStableRevision() {
        service.deploy(push("p1", "1.4.2"));
        var state = ledger.serviceState("prod", "web");

        var result = completion.onEcsDeploymentEvent(new EcsDeploymentEvent("e1", "monynha-prod", "web",
                state.activeEcsDeploymentId(), EcsDeploymentEvent.COMPLETED, null, clock.instant()));
        var duplicate = completion.onEcsDeploymentEvent(new EcsDeploymentEvent("e1", "monynha-prod", "web",
                state.activeEcsDeploymentId(), EcsDeploymentEvent.COMPLETED, null, clock.instant()));

        assertThat(result).isEqualTo(new CompletionOutcome.Finished(DeploymentStatus.SUCCEEDED));
        assertThat(duplicate).isInstanceOf(CompletionOutcome.Ignored.class);
        assertThat(bus.published(DeploymentSucceeded.class)).singleElement()
                .extracting(DeploymentSucceeded::env).isEqualTo("prod");
        assertThat(ledger.serviceState("prod", "web").stableTaskDefinition())
                .isEqualTo(ecs.taskDefinitionOf("monynha-prod", "web"));
    }

    @Test
    void ecsFailure_marksFailedWithEcsReason() {
        service.deploy(push("p1", "1.4.2"));
        var state = ledger.serviceState("staging", "web");

        completion.onEcsDeploymentEvent(new EcsDeploymentEvent("e2", "monynha-staging", "web",
                state.activeEcsDeploymentId(), EcsDeploymentEvent.FAILED, "tasks failed to start", clock.instant()));

        assertThat(bus.published(DeploymentFailed.class)).singleElement()
                .extracting(DeploymentFailed::reason).isEqualTo("tasks failed to start");
        assertThat(ledger.serviceState("staging", "web").stableTaskDefinition()).isNull();
    }

    @Test
    void ecsEventForUnmanagedServiceIsIgnored() {
        var result = completion.onEcsDeploymentEvent(new EcsDeploymentEvent("e3", "other-cluster", "web", "ecs-svc/1",
                EcsDeploymentEvent.COMPLETED, null, clock.instant()));
        assertThat(result).isInstanceOf(CompletionOutcome.Ignored.class);
        assertThat(bus.published()).isEmpty();
    }
}
