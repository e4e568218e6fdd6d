package dev.shiplane.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The deployment ledger: the service head records that serialise changes, and the history of deployments.
 * It is the only shared state between invocations, so every write that changes who owns a service is
 * conditional on the head's version.
 */
public interface Ledger {

    /** The head record, or {@link ServiceState#initial} (version 0) when the service has never been deployed. */
    ServiceState serviceState(String env, String service);

    Optional<Deployment> deployment(String env, String service, String deploymentId);

    /**
     * Writes the deployments and the new head together, all or nothing, provided the stored head is still at
     * {@code expectedVersion} (absent counts as 0). {@code state.version()} must be {@code expectedVersion + 1}.
     *
     * @throws StaleStateException when another invocation changed the head first
     */
    void commit(List<Deployment> deployments, ServiceState state, long expectedVersion);

    /**
     * Writes the new head, provided it is still at {@code expectedVersion}, and, if {@code change} is not null, the
     * status of one deployment — together, all or nothing. Used by rollout transitions, which must not spend a read
     * on the deployment record (the rollback budget counts every call).
     *
     * @throws StaleStateException when another invocation changed the head first
     */
    void commit(ServiceState state, long expectedVersion, StatusChange change);

    /**
     * Gives back the lease {@code leased} took, if and only if the head is still exactly that write (its version,
     * lease owner and expiry): the head becomes {@code leased.released()}. Any other head — a later write, another
     * invocation's lease at the same version, or none because the lease write never landed — is left as it is, and
     * that is not an error. The one way a lease is given back after a failure, whether or not the lease write is
     * known to have landed; use cases call it through {@link dev.shiplane.core.ledger.LeaseWrites#giveBack}.
     */
    void releaseLease(ServiceState leased);

    /** Records progress of a deployment whose caller holds the service lease. */
    void save(Deployment deployment);

    /**
     * The service's newest deployments, newest first: at most {@code limit}, each created at or after {@code since}.
     * Reads what it returns, however long the history. Made for displays and searches: a deployment written a moment
     * ago may be missing (the read may be eventually consistent); a decision reads {@link #serviceState} and
     * {@link #deployment}, which are strongly consistent.
     */
    List<Deployment> history(String env, String service, Instant since, int limit);

    /** The service's newest {@code limit} deployments, newest first ({@link #history(String, String, Instant, int)}). */
    default List<Deployment> history(String env, String service, int limit) {
        return history(env, service, Instant.EPOCH, limit);
    }
}
