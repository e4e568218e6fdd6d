package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.ServiceState;
import java.util.Optional;

/** Matches an ECS deployment event to the service's active deployment and decides its outcome. Pure. */
public final class CompletionPlanner {

    private CompletionPlanner() {}

    public static CompletionDecision decide(EcsDeploymentEvent event, ServiceState state,
                                            Optional<Deployment> active) {
        return decide(event, state, active, false);
    }

    /**
     * @param ecsEngine the service runs on ECS's engine: a failed deployment there has been rolled back by ECS (a hook
     *                  said FAILED, an alarm fired, an approval timed out or was refused), so it ends rolled back
     */
    public static CompletionDecision decide(EcsDeploymentEvent event, ServiceState state,
                                            Optional<Deployment> active, boolean ecsEngine) {
        if (!event.ecsDeploymentId().equals(state.activeEcsDeploymentId()) || active.isEmpty()) {
            return new CompletionDecision.Ignore("ECS deployment " + event.ecsDeploymentId()
                    + " is not the one shiplane started last for this service");
        }
        var deployment = active.get();
        if (deployment.status().terminal()) {
            return deployment.needsAnnouncement()
                    ? new CompletionDecision.Announce()
                    : new CompletionDecision.Ignore("deployment " + deployment.deploymentId() + " is already "
                            + deployment.status().code());
        }
        return switch (event.eventName()) {
            case EcsDeploymentEvent.COMPLETED -> new CompletionDecision.Finish(DeploymentStatus.SUCCEEDED, null);
            case EcsDeploymentEvent.FAILED -> new CompletionDecision.Finish(
                    ecsEngine ? DeploymentStatus.ROLLED_BACK : DeploymentStatus.FAILED,
                    event.reason() == null || event.reason().isBlank()
                            ? ecsEngine ? "ECS rolled the deployment back" : "ECS reported the deployment failed"
                            : event.reason());
            default -> new CompletionDecision.Ignore(event.eventName() + " does not end a deployment");
        };
    }
}
