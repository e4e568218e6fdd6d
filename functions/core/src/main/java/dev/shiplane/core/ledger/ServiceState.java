package dev.shiplane.core.ledger;

import dev.shiplane.core.canary.Colour;
import dev.shiplane.core.canary.Rollout;
import dev.shiplane.core.canary.RolloutAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ledger's head record for one service in one environment. Every change is a compare-and-set on
 * {@code version}, which is what keeps two pushes, a push and a canary step, or a step and a rollback from
 * interleaving.
 *
 * @param version               0 before the first write
 * @param leaseOwner            invocation currently changing AWS for this service, or {@code null}
 * @param leaseExpiresAt        when a crashed holder's lease may be taken over
 * @param activeDeploymentId    the latest deployment that reached ECS
 * @param activeEcsDeploymentId ECS's id of the latest rollout shiplane started, to recognise its completion event
 * @param latestPushedAt        push time of the newest image taken for this service; older pushes are superseded
 * @param stableTaskDefinition  last revision ECS reported as completed (rolling) or promoted (progressive)
 * @param liveColour            progressive services: the colour that has all traffic outside a rollout
 * @param rollout               progressive services: the latest rollout, active or finished
 * @param pending               actions of a committed transition not yet confirmed done; whoever takes the lease
 *                              next runs them again (they are idempotent) before anything else
 * @param knownGood             revisions safe to roll back to, newest first (at most {@value #KNOWN_GOOD_KEPT})
 * @param quarantined           digests rolled back here: not deployed again automatically, only on an operator's
 *                              explicit deploy
 * @param replacedDeploymentId  the deployment this version's write stops pointing at (set by {@link #activated},
 *                              {@code null} in any other version): the ledger keeps the deployment the head points
 *                              at, whatever its age, and lets the replaced one expire with the same write
 */
public record ServiceState(String env, String service, long version, String leaseOwner, Instant leaseExpiresAt,
                           String activeDeploymentId, String activeEcsDeploymentId, Instant latestPushedAt,
                           String stableTaskDefinition, Colour liveColour, Rollout rollout,
                           List<RolloutAction> pending, List<KnownGood> knownGood, List<String> quarantined,
                           String replacedDeploymentId) {

    public static final int KNOWN_GOOD_KEPT = 5;

    /** A head that replaced no deployment in its write. */
    public ServiceState(String env, String service, long version, String leaseOwner, Instant leaseExpiresAt,
                        String activeDeploymentId, String activeEcsDeploymentId, Instant latestPushedAt,
                        String stableTaskDefinition, Colour liveColour, Rollout rollout, List<RolloutAction> pending,
                        List<KnownGood> knownGood, List<String> quarantined) {
        this(env, service, version, leaseOwner, leaseExpiresAt, activeDeploymentId, activeEcsDeploymentId,
                latestPushedAt, stableTaskDefinition, colour(liveColour), rollout, pending, knownGood, quarantined,
                null);
    }

    public ServiceState {
        liveColour = colour(liveColour);
        pending = pending == null ? List.of() : List.copyOf(pending);
        knownGood = knownGood == null ? List.of() : List.copyOf(knownGood);
        quarantined = quarantined == null ? List.of() : List.copyOf(quarantined);
    }

    public static ServiceState initial(String env, String service) {
        return new ServiceState(env, service, 0, null, null, null, null, null, null, Colour.BLUE, null, List.of(),
                List.of(), List.of());
    }

    public boolean leasedByOtherThan(String owner, Instant now) {
        return leaseOwner != null && !leaseOwner.equals(owner) && now.isBefore(leaseExpiresAt);
    }

    public boolean leasedLiveBy(String owner, Instant now) {
        return owner.equals(leaseOwner) && now.isBefore(leaseExpiresAt);
    }

    /** Any live lease: someone is changing AWS for this service right now. */
    public boolean leased(Instant now) {
        return leaseOwner != null && now.isBefore(leaseExpiresAt);
    }

    public ServiceState leasedTo(String owner, Instant until, Instant pushedAt) {
        return next(owner, until, activeDeploymentId, activeEcsDeploymentId, newest(latestPushedAt, pushedAt),
                stableTaskDefinition, liveColour, rollout, pending, knownGood, quarantined);
    }

    public ServiceState leasedTo(String owner, Instant until) {
        return leasedTo(owner, until, null);
    }

    public ServiceState activated(String deploymentId, String ecsDeploymentId) {
        var next = next(null, null, deploymentId, ecsDeploymentId, latestPushedAt, stableTaskDefinition, liveColour,
                rollout, pending, knownGood, quarantined);
        if (activeDeploymentId == null || activeDeploymentId.equals(deploymentId)) return next;
        return new ServiceState(env, service, next.version, null, null, deploymentId, ecsDeploymentId,
                latestPushedAt, stableTaskDefinition, liveColour, rollout, pending, knownGood, quarantined,
                activeDeploymentId);
    }

    /**
     * The next version without this invocation's lease: the write that ends a leased change, with what it changed
     * (see {@link LeaseWrites} for the finishing write and the give-back).
     */
    public ServiceState released() {
        return next(null, null, activeDeploymentId, activeEcsDeploymentId, latestPushedAt, stableTaskDefinition,
                liveColour, rollout, pending, knownGood, quarantined);
    }

    /**
     * The next version, leased to nobody: a change made in one conditional write on a head found free. It takes no
     * lease, so it has none to give back (a crashed holder's expired lease is cleared with it); a stale write fails
     * and its event is retried on the fresh head.
     */
    public ServiceState nextUnleased() {
        return released();
    }

    public ServiceState stabilised(String taskDefinition) {
        return next(leaseOwner, leaseExpiresAt, activeDeploymentId, activeEcsDeploymentId, latestPushedAt,
                taskDefinition, liveColour, rollout, pending, knownGood, quarantined);
    }

    /** Same version: a change to fold into the next versioned write. */
    public ServiceState withRollout(Rollout next, List<RolloutAction> actions) {
        return same(activeEcsDeploymentId, stableTaskDefinition, liveColour, next, actions, knownGood, quarantined);
    }

    /** Same version: the pending actions of a transition that has no rollout (a rolling service's rollback). */
    public ServiceState withPending(List<RolloutAction> actions) {
        return same(activeEcsDeploymentId, stableTaskDefinition, liveColour, rollout, actions, knownGood, quarantined);
    }

    /** Same version: the promoted colour becomes live and its revision stable. */
    public ServiceState withLive(Colour colour, String taskDefinition) {
        return same(activeEcsDeploymentId, taskDefinition, colour, rollout, pending, knownGood, quarantined);
    }

    /** Same version: the revision ECS now runs for the service ({@link StableRevision} says which). */
    public ServiceState withStable(String taskDefinition) {
        return same(activeEcsDeploymentId, taskDefinition, liveColour, rollout, pending, knownGood, quarantined);
    }

    /** Same version: the ECS rollout that carries a rollback, so its completion event is recognised. */
    public ServiceState withEcsDeployment(String ecsDeploymentId) {
        return same(ecsDeploymentId, stableTaskDefinition, liveColour, rollout, pending, knownGood, quarantined);
    }

    /** Same version: {@code revision} becomes the newest known-good revision. */
    public ServiceState withKnownGood(KnownGood revision) {
        List<KnownGood> list = new ArrayList<>();
        list.add(revision);
        knownGood.stream().filter(k -> !k.taskDefinition().equals(revision.taskDefinition()))
                .limit(KNOWN_GOOD_KEPT - 1).forEach(list::add);
        return same(activeEcsDeploymentId, stableTaskDefinition, liveColour, rollout, pending, list, quarantined);
    }

    /** Same version: the revision found running when shiplane first deploys here counts as known-good. */
    public ServiceState withBaseline(String taskDefinition, Instant now) {
        return knownGood.isEmpty() ? withKnownGood(new KnownGood(null, taskDefinition, null, now)) : this;
    }

    /** Same version: adds or lifts the quarantine of one digest. */
    public ServiceState withQuarantine(String digest, boolean quarantine) {
        List<String> list = new ArrayList<>(quarantined);
        list.remove(digest);
        if (quarantine) list.addFirst(digest);
        return same(activeEcsDeploymentId, stableTaskDefinition, liveColour, rollout, pending, knownGood,
                list.stream().limit(20).toList());
    }

    /** The newest known-good revision other than the one {@code deploymentId} deployed. */
    public Optional<KnownGood> knownGoodBefore(String deploymentId, String taskDefinition) {
        return knownGood.stream()
                .filter(k -> k.baseline() || !k.deploymentId().equals(deploymentId))
                .filter(k -> !k.taskDefinition().equals(taskDefinition))
                .findFirst();
    }

    public boolean verified(String deploymentId) {
        return knownGood.stream().anyMatch(k -> deploymentId.equals(k.deploymentId()));
    }

    private ServiceState next(String owner, Instant until, String active, String activeEcs, Instant pushedAt,
                              String stable, Colour colour, Rollout r, List<RolloutAction> actions,
                              List<KnownGood> good, List<String> quarantine) {
        return new ServiceState(env, service, version + 1, owner, until, active, activeEcs, pushedAt, stable, colour,
                r, actions, good, quarantine);
    }

    private ServiceState same(String activeEcs, String stable, Colour colour, Rollout r, List<RolloutAction> actions,
                              List<KnownGood> good, List<String> quarantine) {
        return new ServiceState(env, service, version, leaseOwner, leaseExpiresAt, activeDeploymentId, activeEcs,
                latestPushedAt, stable, colour, r, actions, good, quarantine, replacedDeploymentId);
    }

    private static Colour colour(Colour liveColour) {
        return liveColour == null ? Colour.BLUE : liveColour;
    }

    private static Instant newest(Instant a, Instant b) {
        if (b == null) return a;
        return a == null || b.isAfter(a) ? b : a;
    }
}
