package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.KnownGood;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.ledger.PendingApproval;
import dev.shiplane.core.image.ImageCommit;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.ledger.Ledger;
import dev.shiplane.core.events.PromotionDue;
import dev.shiplane.core.events.TrafficShifted;
import dev.shiplane.core.ledger.StaleStateException;
import dev.shiplane.core.ledger.StatusChange;
import dev.shiplane.core.canary.Colour;
import dev.shiplane.core.canary.Rollout;
import dev.shiplane.core.canary.RolloutAction;
import dev.shiplane.core.canary.Routing;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Ledger} must do. Run against the in-memory fake (core) and DynamoDB on the emulator (aws),
 * so use-case tests built on the fake say something true about production.
 */
public abstract class LedgerContract {

    protected abstract Ledger ledger();

    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    static Deployment deployment(String id, Instant createdAt) {
        return new Deployment(id, "staging", "web", "push-" + id,
                new ImageRef("ecr", "monynha/web", "1.4.2", "sha256:" + "a".repeat(64),
                        "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/web@sha256:" + "a".repeat(64)),
                DeploymentStatus.PENDING, null, null, null, null, createdAt, createdAt, createdAt, null);
    }

    @Test
    void absentServiceHasInitialStateAtVersionZero() {
        assertThat(ledger().serviceState("staging", "web")).isEqualTo(ServiceState.initial("staging", "web"));
    }

    @Test
    void commitWritesStateAndDeploymentsTogether() {
        var d = deployment("d-1", T0);
        var leased = ServiceState.initial("staging", "web").leasedTo("d-1", T0.plusSeconds(120), T0);
        ledger().commit(List.of(d), leased, 0);

        assertThat(ledger().serviceState("staging", "web")).isEqualTo(leased);
        assertThat(ledger().deployment("staging", "web", "d-1")).contains(d);
    }

    @Test
    void deploymentsAndRollouts_keepTheCommitTheirImageWasBuiltFrom() {
        var plain = deployment("d-1", T0);
        var image = new ImageRef(plain.image().registry(), plain.image().repository(), plain.image().tag(),
                plain.image().digest(), plain.image().uri(),
                new ImageCommit("8f14e45fceea167a5a36dedd4bea2543c9e1f7a0", T0.minusSeconds(1500)));
        var withoutTime = new ImageRef(image.registry(), image.repository(), "1.4.3", image.digest(), image.uri(),
                new ImageCommit("8f14e45", null));
        var committed = new Deployment("d-1", "staging", "web", "push-d-1", image, DeploymentStatus.PENDING, null,
                null, null, null, T0, T0, T0, null);
        var shaOnly = new Deployment("d-2", "staging", "web", "push-d-2", withoutTime, DeploymentStatus.PENDING, null,
                null, null, null, T0, T0, T0, null);
        var rollout = Rollout.waiting("d-1", image, T0.minusSeconds(30), List.of(10, 100),
                java.time.Duration.ofMinutes(5), Colour.GREEN, "td:2", "td:1", "ecs-svc/1",
                new Routing("arn:rule", "arn:tg-blue", "arn:tg-green", "web-blue", "web-green"), T0);
        var state = ServiceState.initial("staging", "web").withRollout(rollout, List.of())
                .leasedTo("d-1", T0.plusSeconds(60));
        ledger().commit(List.of(committed, shaOnly), state, 0);

        assertThat(ledger().deployment("staging", "web", "d-1")).map(Deployment::image).contains(image);
        assertThat(ledger().deployment("staging", "web", "d-2")).map(Deployment::image).contains(withoutTime);
        assertThat(ledger().serviceState("staging", "web").rollout().image()).isEqualTo(image);
    }

    @Test
    void aDeploymentSavedOnItsOwn_keepsItsCommit_andAnUpdateThatStillNamesItKeepsItToo() {
        var plain = deployment("d-held", T0);
        var image = new ImageRef(plain.image().registry(), plain.image().repository(), plain.image().tag(),
                plain.image().digest(), plain.image().uri(),
                new ImageCommit("8f14e45fceea167a5a36dedd4bea2543c9e1f7a0", T0.minusSeconds(1500)));
        // the scan gate holds a push this way: saved alone, its image read back when the scan arrives
        var held = new Deployment("d-held", "staging", "web", "push-d-held", image, DeploymentStatus.PENDING, null,
                null, null, null, T0, T0, T0, null);
        ledger().save(held);
        assertThat(ledger().deployment("staging", "web", "d-held")).map(Deployment::image).contains(image);

        ledger().save(ledger().deployment("staging", "web", "d-held").orElseThrow().announcedNow());
        assertThat(ledger().deployment("staging", "web", "d-held")).map(Deployment::image).contains(image);
    }

    @Test
    void commitAtStaleVersionChangesNothing() {
        var leased = ServiceState.initial("staging", "web").leasedTo("d-1", T0.plusSeconds(120), T0);
        ledger().commit(List.of(deployment("d-1", T0)), leased, 0);

        var rival = ServiceState.initial("staging", "web").leasedTo("d-2", T0.plusSeconds(120), T0);
        assertThatThrownBy(() -> ledger().commit(List.of(deployment("d-2", T0)), rival, 0))
                .isInstanceOf(StaleStateException.class);
        assertThat(ledger().serviceState("staging", "web").leaseOwner()).isEqualTo("d-1");
        assertThat(ledger().deployment("staging", "web", "d-2")).isEmpty();
    }

    @Test
    void stateOnlyCommitIsAlsoConditional() {
        var leased = ServiceState.initial("staging", "web").leasedTo("d-1", T0.plusSeconds(120), T0);
        ledger().commit(List.of(), leased, 0);
        ledger().commit(List.of(), leased.released(), leased.version());

        assertThat(ledger().serviceState("staging", "web").leaseOwner()).isNull();
        assertThatThrownBy(() -> ledger().commit(List.of(), leased.released(), leased.version()))
                .isInstanceOf(StaleStateException.class);
    }

    @Test
    void releaseLeaseGivesBackThatVeryWriteAndNothingElse() {
        var leased = ServiceState.initial("staging", "web").leasedTo("d-1", T0.plusSeconds(120), T0);
        ledger().commit(List.of(deployment("d-1", T0)), leased, 0);

        // the same deployment's lease taken by another invocation has another expiry: not this write
        ledger().releaseLease(ServiceState.initial("staging", "web").leasedTo("d-1", T0.plusSeconds(121), T0));
        assertThat(ledger().serviceState("staging", "web")).isEqualTo(leased);

        ledger().releaseLease(leased);
        var head = ledger().serviceState("staging", "web");
        assertThat(head).isEqualTo(leased.released());
        assertThat(head.leaseOwner()).isNull();
        assertThat(ledger().deployment("staging", "web", "d-1")).isPresent();

        // given back once: again (or for a write that never landed) changes nothing
        ledger().releaseLease(leased);
        assertThat(ledger().serviceState("staging", "web")).isEqualTo(leased.released());
    }

    @Test
    void rolloutAndPendingActionsSurviveTheRoundTrip() {
        var routing = new Routing("arn:rule", "arn:tg-blue", "arn:tg-green", "web-blue", "web-green");
        var rollout = Rollout.waiting("d-1", deployment("d-1", T0).image(), T0.minusSeconds(30),
                List.of(10, 50, 100), java.time.Duration.ofMinutes(5), Colour.GREEN, "td:2", "td:1", "ecs-svc/1",
                routing, T0);
        List<RolloutAction> actions = List.of(new RolloutAction.SetWeights(Colour.GREEN, 10),
                new RolloutAction.ScaleService(Colour.BLUE, 0),
                new RolloutAction.ScheduleStep(2, T0.plusSeconds(300)),
                new RolloutAction.CancelStep(3),
                new RolloutAction.RollService("web-blue", "td:1"),
                new RolloutAction.Publish(new TrafficShifted("staging", "web", "d-1", 1, 3, 10, 90, "green",
                        T0.plusSeconds(300), T0)),
                new RolloutAction.ScheduleEvent("shiplane-d-1-promote-prod", T0.plusSeconds(1800),
                        new PromotionDue("staging", "prod", "web", "d-1", "push-d-1", deployment("d-1", T0).image(),
                                T0, T0.plusSeconds(1800))));
        var state = ServiceState.initial("staging", "web").withLive(Colour.BLUE, "td:1").withRollout(rollout, actions)
                .withBaseline("td:0", T0).withKnownGood(new KnownGood("d-0", "td:1", "sha256:0", T0.plusSeconds(9)))
                .withQuarantine("sha256:bad", true)
                .leasedTo("e-1", T0.plusSeconds(60));
        ledger().commit(List.of(), state, 0);

        var read = ledger().serviceState("staging", "web");
        assertThat(read).isEqualTo(state);
        assertThat(read.rollout().routing()).isEqualTo(routing);
        assertThat(read.pending()).isEqualTo(actions);
    }

    @Test
    void transitionCommitChangesTheDeploymentStatusInPlace() {
        var d = deployment("d-1", T0);
        var leased = ServiceState.initial("staging", "web").leasedTo("d-1", T0.plusSeconds(120), T0);
        ledger().commit(List.of(d), leased, 0);

        ledger().commit(leased.released(), leased.version(),
                new StatusChange("d-1", DeploymentStatus.ROLLED_BACK, "web-5xx in ALARM", T0.plusSeconds(600),
                        T0.plusSeconds(540)));

        var after = ledger().deployment("staging", "web", "d-1").orElseThrow();
        assertThat(after.status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(after.reason()).isEqualTo("web-5xx in ALARM");
        assertThat(after.updatedAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(after.alarmAt()).as("the alarm time travels with the rollback").isEqualTo(T0.plusSeconds(540));
        assertThat(after.needsAnnouncement()).isFalse();
        assertThat(after.image()).isEqualTo(d.image());
        assertThatThrownBy(() -> ledger().commit(leased.released(), leased.version(), null))
                .isInstanceOf(StaleStateException.class);
    }

    @Test
    void saveUpdatesOneDeploymentAndHistoryIsNewestFirst() {
        ledger().save(deployment("d-old", T0));
        ledger().save(deployment("d-new", T0.plusSeconds(60)));
        var started = deployment("d-old", T0).withStatus(DeploymentStatus.STARTED, null, T0.plusSeconds(5));
        ledger().save(started);

        assertThat(ledger().history("staging", "web", 10)).extracting(Deployment::deploymentId)
                .containsExactly("d-new", "d-old");
        assertThat(ledger().deployment("staging", "web", "d-old")).contains(started);
        assertThat(ledger().history("staging", "web", 1)).hasSize(1);
        assertThat(ledger().history("prod", "web", 10)).isEmpty();
    }

    @Test
    void historySince_keepsDeploymentsCreatedAtOrAfterIt_newestFirst_upToTheLimit() {
        for (int i = 0; i < 30; i++) {
            ledger().save(deployment("d-" + i, T0.plusSeconds(60L * i)));
        }

        assertThat(ledger().history("staging", "web", T0.plusSeconds(60L * 25), 10))
                .extracting(Deployment::deploymentId).containsExactly("d-29", "d-28", "d-27", "d-26", "d-25");
        assertThat(ledger().history("staging", "web", T0.plusSeconds(60L * 10), 3))
                .extracting(Deployment::deploymentId).containsExactly("d-29", "d-28", "d-27");
        assertThat(ledger().history("staging", "web", T0.plusSeconds(60L * 30), 10)).isEmpty();
        assertThat(ledger().history("staging", "web", 100)).hasSize(30);
    }

    @Test
    void historyOrdersByTime_notByTheTextOfTheInstant() {
        // Instant#toString drops a zero fraction: "…:00Z" sorts after "…:00.5Z" as text, though it is earlier
        ledger().save(deployment("d-whole-second", T0));
        ledger().save(deployment("d-half-second-later", T0.plusMillis(500)));
        ledger().save(deployment("d-a-microsecond-later", T0.plusNanos(1_000)));

        assertThat(ledger().history("staging", "web", 10)).extracting(Deployment::deploymentId)
                .containsExactly("d-half-second-later", "d-a-microsecond-later", "d-whole-second");
        assertThat(ledger().history("staging", "web", T0.plusNanos(1_000), 10)).extracting(Deployment::deploymentId)
                .containsExactly("d-half-second-later", "d-a-microsecond-later");
    }

    @Test
    void aPendingApprovalSurvivesTheRoundTrip_andEndsWithTheDeployment() {
        var approval = new PendingApproval("arn:aws:ecs:us-east-1:123456789012:service-deployment/c/web/abc",
                "ecs-pause-1", T0.plusSeconds(3600));
        var waiting = deployment("d-1", T0).withStatus(DeploymentStatus.STARTED, null, T0)
                .withApproval(approval, T0.plusSeconds(60));
        var leased = ServiceState.initial("staging", "web").leasedTo("d-1", T0.plusSeconds(120), T0);
        ledger().commit(List.of(waiting), leased, 0);

        assertThat(ledger().deployment("staging", "web", "d-1").orElseThrow().approval()).isEqualTo(approval);

        ledger().commit(leased.released(), leased.version(),
                new StatusChange("d-1", DeploymentStatus.ROLLED_BACK, "approval refused", T0.plusSeconds(90), null));
        assertThat(ledger().deployment("staging", "web", "d-1").orElseThrow().approval()).isNull();
    }
}
