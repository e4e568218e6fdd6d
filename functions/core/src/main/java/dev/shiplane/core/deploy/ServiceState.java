package dev.shiplane.core.deploy;

import java.time.Instant;

/**
 * The ledger's head record for one service in one environment. Every change is a compare-and-set on
 * {@code version}, which is what keeps two pushes (or a push and a later rollback) from interleaving.
 *
 * @param version              0 before the first write
 * @param leaseOwner           deployment currently changing AWS for this service, or {@code null}
 * @param leaseExpiresAt       when a crashed holder's lease may be taken over
 * @param activeDeploymentId   the latest deployment that reached ECS
 * @param activeEcsDeploymentId ECS's id for it, to recognise its completion event
 * @param latestPushedAt       push time of the newest image taken for this service; older pushes are superseded
 * @param stableTaskDefinition last revision ECS reported as completed
 */
public record ServiceState(String env, String service, long version, String leaseOwner, Instant leaseExpiresAt,
                           String activeDeploymentId, String activeEcsDeploymentId, Instant latestPushedAt,
                           String stableTaskDefinition) {

    public static ServiceState initial(String env, String service) {
        return new ServiceState(env, service, 0, null, null, null, null, null, null);
    }

    public boolean leasedByOtherThan(String deploymentId, Instant now) {
        return leaseOwner != null && !leaseOwner.equals(deploymentId) && now.isBefore(leaseExpiresAt);
    }

    public boolean leasedLiveBy(String deploymentId, Instant now) {
        return deploymentId.equals(leaseOwner) && now.isBefore(leaseExpiresAt);
    }

    public ServiceState leasedTo(String deploymentId, Instant until, Instant pushedAt) {
        return new ServiceState(env, service, version + 1, deploymentId, until, activeDeploymentId,
                activeEcsDeploymentId, newest(latestPushedAt, pushedAt), stableTaskDefinition);
    }

    public ServiceState activated(String deploymentId, String ecsDeploymentId) {
        return new ServiceState(env, service, version + 1, null, null, deploymentId, ecsDeploymentId,
                latestPushedAt, stableTaskDefinition);
    }

    public ServiceState released() {
        return new ServiceState(env, service, version + 1, null, null, activeDeploymentId, activeEcsDeploymentId,
                latestPushedAt, stableTaskDefinition);
    }

    public ServiceState stabilised(String taskDefinition) {
        return new ServiceState(env, service, version + 1, leaseOwner, leaseExpiresAt, activeDeploymentId,
                activeEcsDeploymentId, latestPushedAt, taskDefinition);
    }

    private static Instant newest(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
