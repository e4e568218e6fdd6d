package dev.shiplane.core.fakes;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.ledger.Ledger;
import dev.shiplane.core.ledger.StaleStateException;
import dev.shiplane.core.ledger.StatusChange;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Ledger} in memory, with the same version check as DynamoDB; proven equal by {@code LedgerContract}. */
public final class InMemoryLedger implements Ledger {

    private final Map<String, ServiceState> states = new HashMap<>();
    private final Map<String, Deployment> deployments = new HashMap<>();
    private boolean loseNextAnswer;

    /** The next versioned commit lands, then fails as if its answer were lost (a timeout after it took effect). */
    public synchronized void loseAnswerOfNextCommit() {
        loseNextAnswer = true;
    }

    private static String key(String env, String service) {
        return env + "/" + service;
    }

    @Override
    public synchronized ServiceState serviceState(String env, String service) {
        return states.getOrDefault(key(env, service), ServiceState.initial(env, service));
    }

    @Override
    public synchronized Optional<Deployment> deployment(String env, String service, String deploymentId) {
        return Optional.ofNullable(deployments.get(key(env, service) + "/" + deploymentId));
    }

    @Override
    public synchronized void commit(List<Deployment> writes, ServiceState state, long expectedVersion) {
        if (state.version() != expectedVersion + 1) {
            throw new IllegalArgumentException("state version must be expectedVersion + 1");
        }
        if (serviceState(state.env(), state.service()).version() != expectedVersion) {
            throw new StaleStateException("ledger head of " + state.env() + "/" + state.service()
                    + " is no longer at version " + expectedVersion);
        }
        states.put(key(state.env(), state.service()), state);
        writes.forEach(this::save);
        if (loseNextAnswer) {
            loseNextAnswer = false;
            throw new IllegalStateException("answer lost: the commit landed but its caller never heard");
        }
    }

    @Override
    public synchronized void commit(ServiceState state, long expectedVersion, StatusChange change) {
        commit(List.of(), state, expectedVersion);
        if (change != null) {
            var key = key(state.env(), state.service()) + "/" + change.deploymentId();
            var d = deployments.get(key);
            if (d != null) {
                deployments.put(key, d.withStatus(change.status(), change.reason(), change.at()).withAlarmAt(change.alarmAt()).announcedNow());
            }
        }
    }

    @Override
    public synchronized void releaseLease(ServiceState leased) {
        var head = serviceState(leased.env(), leased.service());
        if (head.version() == leased.version() && leased.leaseOwner() != null
                && leased.leaseOwner().equals(head.leaseOwner())
                && leased.leaseExpiresAt().equals(head.leaseExpiresAt())) {
            states.put(key(leased.env(), leased.service()), leased.released());
        }
    }

    @Override
    public synchronized void save(Deployment d) {
        deployments.put(key(d.env(), d.service()) + "/" + d.deploymentId(), d);
    }

    @Override
    public synchronized List<Deployment> history(String env, String service, Instant since, int limit) {
        return deployments.values().stream()
                .filter(d -> d.env().equals(env) && d.service().equals(service) && !d.createdAt().isBefore(since))
                .sorted(Comparator.comparing(Deployment::createdAt).reversed())
                .limit(limit)
                .toList();
    }
}
