package dev.shiplane.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.fakes.InMemoryLedger;
import dev.shiplane.core.canary.Colour;
import dev.shiplane.core.canary.RolloutAction;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A lease is given back only while the head is still the very write that took it; never someone else's. */
class LeaseWritesTest {

    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static final ServiceState FREE = ServiceState.initial("staging", "web").nextUnleased();
    /** This invocation's lease, with the actions of a committed transition still pending. */
    static final ServiceState OURS = FREE.withPending(List.of(new RolloutAction.SetWeights(Colour.GREEN, 10)))
            .leasedTo("e-1", T0.plusSeconds(120));

    /** What happened to the head after the lease write; returns the head expected after the give-back. */
    interface Meanwhile extends BiFunction<Ledger, ServiceState, ServiceState> {}

    static Stream<Arguments> giveBacks() {
        return Stream.of(
                Arguments.of("the work under the lease failed: the head goes back free, actions still pending",
                        (Meanwhile) (ledger, head) -> head.released()),
                Arguments.of("what failed came after this invocation's finishing write: that write stays",
                        (Meanwhile) (ledger, head) -> {
                            var finished = head.withPending(List.of()).released();
                            ledger.commit(finished, head.version(), null);
                            return finished;
                        }),
                Arguments.of("the lease expired and another invocation took the service: its lease stays",
                        (Meanwhile) (ledger, head) -> {
                            var theirs = head.leasedTo("e-2", T0.plusSeconds(400));
                            ledger.commit(theirs, head.version(), null);
                            return theirs;
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("giveBacks")
    void givesBackOnlyThatVeryWrite(String description, Meanwhile meanwhile) {
        var ledger = new InMemoryLedger();
        ledger.commit(List.of(), FREE, 0);
        ledger.commit(OURS, FREE.version(), null);
        var expected = meanwhile.apply(ledger, OURS);
        var failure = new IllegalStateException("ECS refused");

        LeaseWrites.giveBack(ledger, OURS, failure);

        assertThat(ledger.serviceState("staging", "web")).isEqualTo(expected);
        assertThat(failure.getSuppressed()).as("nothing to give back is not an error").isEmpty();
    }

    @Test
    void leaseWriteWhoseAnswerWasLostAfterItLanded_isGivenBack() {
        var ledger = new InMemoryLedger();
        ledger.commit(List.of(), FREE, 0);
        ledger.loseAnswerOfNextCommit();

        assertThatThrownBy(() -> LeaseWrites.take(ledger, OURS, () -> ledger.commit(OURS, FREE.version(), null)))
                .hasMessageContaining("answer lost");

        assertThat(ledger.serviceState("staging", "web")).isEqualTo(OURS.released());
    }

    @Test
    void leaseWriteRefusedBecauseAnotherTookTheSameVersion_leavesTheirLease() {
        var ledger = new InMemoryLedger();
        ledger.commit(List.of(), FREE, 0);
        var theirs = FREE.leasedTo("e-2", T0.plusSeconds(121));
        ledger.commit(theirs, FREE.version(), null);

        assertThatThrownBy(() -> LeaseWrites.take(ledger, OURS, () -> ledger.commit(OURS, FREE.version(), null)))
                .isInstanceOf(StaleStateException.class);

        assertThat(ledger.serviceState("staging", "web")).isEqualTo(theirs);
    }

    @Test
    void aGiveBackThatFails_isAddedToTheFailure_andTheLeaseExpires() {
        var ledger = new InMemoryLedger();
        ledger.commit(List.of(), FREE, 0);
        ledger.commit(OURS, FREE.version(), null);
        var unreachable = new LedgerDown(ledger);
        var failure = new IllegalStateException("ECS refused");

        LeaseWrites.giveBack(unreachable, OURS, failure);

        assertThat(failure.getSuppressed()).singleElement().satisfies(s -> assertThat(s).hasMessage("ledger down"));
        assertThat(ledger.serviceState("staging", "web")).isEqualTo(OURS);
    }

    /** Reads work; the give-back does not reach the table. */
    record LedgerDown(InMemoryLedger reads) implements Ledger {
        public ServiceState serviceState(String env, String service) {
            return reads.serviceState(env, service);
        }

        public java.util.Optional<Deployment> deployment(String env, String service, String deploymentId) {
            return reads.deployment(env, service, deploymentId);
        }

        public void commit(List<Deployment> deployments, ServiceState state, long expectedVersion) {
            throw new IllegalStateException("ledger down");
        }

        public void commit(ServiceState state, long expectedVersion, dev.shiplane.core.ledger.StatusChange change) {
            throw new IllegalStateException("ledger down");
        }

        public void releaseLease(ServiceState leased) {
            throw new IllegalStateException("ledger down");
        }

        public void save(Deployment deployment) {
            throw new IllegalStateException("ledger down");
        }

        public List<Deployment> history(String env, String service, java.time.Instant since, int limit) {
            return reads.history(env, service, since, limit);
        }
    }
}
