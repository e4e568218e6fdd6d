package dev.shiplane.aws;

import dev.shiplane.core.ecsengine.ServiceDeployments;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookAction;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentStopType;

/** {@link ServiceDeployments} on Amazon ECS: one call each, never a waiter. */
public final class EcsServiceDeployments implements ServiceDeployments {

    private final EcsClient ecs;

    public EcsServiceDeployments(EcsClient ecs) {
        this.ecs = ecs;
    }

    @Override
    public Optional<String> inProgress(String cluster, String ecsService) {
        return ecs.listServiceDeployments(r -> r.cluster(cluster).service(ecsService)
                        .status(ServiceDeploymentStatus.PENDING, ServiceDeploymentStatus.IN_PROGRESS))
                .serviceDeployments().stream().findFirst().map(d -> d.serviceDeploymentArn());
    }

    @Override
    public void answer(String serviceDeploymentArn, String hookId, boolean carryOn) {
        ecs.continueServiceDeployment(r -> r.serviceDeploymentArn(serviceDeploymentArn).hookId(hookId)
                .action(carryOn ? DeploymentLifecycleHookAction.CONTINUE : DeploymentLifecycleHookAction.ROLLBACK));
    }

    @Override
    public void stopAndRollBack(String serviceDeploymentArn) {
        ecs.stopServiceDeployment(r -> r.serviceDeploymentArn(serviceDeploymentArn)
                .stopType(StopServiceDeploymentStopType.ROLLBACK));
    }
}
