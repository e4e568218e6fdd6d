package dev.shiplane.aws;

import dev.shiplane.core.ports.ServiceRollouts;
import software.amazon.awssdk.services.ecs.EcsClient;

/** {@link ServiceRollouts} on Amazon ECS: one UpdateService call, never a waiter. */
public final class EcsServiceRollouts implements ServiceRollouts {

    private final EcsClient ecs;

    public EcsServiceRollouts(EcsClient ecs) {
        this.ecs = ecs;
    }

    @Override
    public String roll(String cluster, String ecsService, String taskDefinitionArn) {
        var service = ecs.updateService(r -> r.cluster(cluster).service(ecsService)
                .taskDefinition(taskDefinitionArn)).service();
        return service.deployments().stream()
                .filter(d -> "PRIMARY".equals(d.status()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("ECS returned no PRIMARY deployment for "
                        + cluster + "/" + ecsService))
                .id();
    }
}
