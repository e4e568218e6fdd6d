package dev.shiplane.core.ecsengine;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.ServiceState;
import java.util.Optional;

/**
 * Whether a service revision ECS is deploying is one shiplane sent it, from the ledger alone. Pure. For the hooks
 * function: a revision shiplane did not register (a console update, a stack's bootstrap revision) is not one of its
 * deployments, while a rollback shiplane started goes to a known-good revision and must pass its hooks unhindered.
 */
public final class ShiplaneRevisions {

    private ShiplaneRevisions() {}

    /**
     * @param active         the deployment the head names active, if any
     * @param taskDefinition the task definition of the revision ECS deploys
     */
    public static boolean startedByShiplane(ServiceState state, Optional<Deployment> active, String taskDefinition) {
        var deploying = active.filter(d -> d.status() == DeploymentStatus.STARTED)
                .map(d -> taskDefinition.equals(d.toTaskDefinition())).orElse(false);
        // A rollback (shiplane's own, after an alarm or on request) points the service at a known-good revision.
        var restoring = active.filter(d -> d.status() == DeploymentStatus.ROLLED_BACK).isPresent()
                && state.knownGood().stream().anyMatch(k -> k.taskDefinition().equals(taskDefinition));
        return deploying || restoring;
    }
}
