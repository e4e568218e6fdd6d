package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.deploy.Deployment;
import dev.shiplane.core.deploy.DeploymentStatus;
import dev.shiplane.core.deploy.ServiceState;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.ports.Ledger;
import dev.shiplane.core.ports.StaleStateException;
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
}
