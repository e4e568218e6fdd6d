package dev.shiplane.core.deploy;

import dev.shiplane.core.rollout.Colour;
import dev.shiplane.core.rollout.Rollout;
import dev.shiplane.core.rollout.RolloutAction;
import java.time.Instant;
import java.util.List;

/**
 * The ledger's head record for one service in one environment. Every change is a compare-and-set on
 * {@code version}, which is what keeps two pushes, a push and a canary step, or a step and an abort from
 * interleaving.
 *
 * @param version               0 before the first write
 * @param leaseOwner            invocation currently changing AWS for this service, or {@code null}
 * @param leaseExpiresAt        when a crashed holder's lease may be taken over
 * @param activeDeploymentId    the latest deployment that reached ECS
 * @param activeEcsDeploymentId ECS's id for it, to recognise its completion event
 * @param latestPushedAt        push time of the newest image taken for this service; older pushes are superseded
 * @param stableTaskDefinition  last revision ECS reported as completed (rolling) or promoted (progressive)
 * @param liveColour            progressive services: the colour that has all traffic outside a rollout
 * @param rollout               progressive services: the latest rollout, active or finished
 * @param pending               actions of a committed transition not yet confirmed done; whoever takes the lease
 *                              next runs them again (they are idempotent) before anything else
 */
public record ServiceState(String env, String service, long version, String leaseOwner, Instant leaseExpiresAt,
                           String activeDeploymentId, String activeEcsDeploymentId, Instant latestPushedAt,
                           String stableTaskDefinition, Colour liveColour, Rollout rollout,
                           List<RolloutAction> pending) {

    public ServiceState {
        liveColour = liveColour == null ? Colour.BLUE : liveColour;
        pending = pending == null ? List.of() : List.copyOf(pending);
    }

    public static ServiceState initial(String env, String service) {
        return new ServiceState(env, service, 0, null, null, null, null, null, null, Colour.BLUE, null, List.of());
    }

    public boolean leasedByOtherThan(String owner, Instant now) {
        return leaseOwner != null && !leaseOwner.equals(owner) && now.isBefore(leaseExpiresAt);
    }

    public boolean leasedLiveBy(String owner, Instant now) {
        return owner.equals(leaseOwner) && now.isBefore(leaseExpiresAt);
    }

    public ServiceState leasedTo(String owner, Instant until, Instant pushedAt) {
        return new ServiceState(env, service, version + 1, owner, until, activeDeploymentId, activeEcsDeploymentId,
                newest(latestPushedAt, pushedAt), stableTaskDefinition, liveColour, rollout, pending);
    }

    public ServiceState leasedTo(String owner, Instant until) {
        return leasedTo(owner, until, null);
    }

    public ServiceState activated(String deploymentId, String ecsDeploymentId) {
        return new ServiceState(env, service, version + 1, null, null, deploymentId, ecsDeploymentId,
                latestPushedAt, stableTaskDefinition, liveColour, rollout, pending);
    }

    public ServiceState released() {
        return new ServiceState(env, service, version + 1, null, null, activeDeploymentId, activeEcsDeploymentId,
                latestPushedAt, stableTaskDefinition, liveColour, rollout, pending);
    }

    public ServiceState stabilised(String taskDefinition) {
        return new ServiceState(env, service, version + 1, leaseOwner, leaseExpiresAt, activeDeploymentId,
                activeEcsDeploymentId, latestPushedAt, taskDefinition, liveColour, rollout, pending);
    }

    /** Same version: a change to fold into the next versioned write. */
    public ServiceState withRollout(Rollout next, List<RolloutAction> actions) {
        return new ServiceState(env, service, version, leaseOwner, leaseExpiresAt, activeDeploymentId,
                activeEcsDeploymentId, latestPushedAt, stableTaskDefinition, liveColour, next, actions);
    }

    /** Same version: the promoted colour becomes live and its revision stable. */
    public ServiceState withLive(Colour colour, String taskDefinition) {
        return new ServiceState(env, service, version, leaseOwner, leaseExpiresAt, activeDeploymentId,
                activeEcsDeploymentId, latestPushedAt, taskDefinition, colour, rollout, pending);
    }

    private static Instant newest(Instant a, Instant b) {
        if (b == null) return a;
        return a == null || b.isAfter(a) ? b : a;
    }
}
