package dev.shiplane.infra;

/**
 * One ECS service the delivery stack may deploy: the unit of the function's {@code ecs:UpdateService} grant.
 *
 * @param cluster ECS cluster name (an environment's {@code cluster} in {@code shiplane.yml})
 * @param service ECS service name in that cluster (a service's {@code ecsService})
 */
public record EcsServiceRef(String cluster, String service) {

    public EcsServiceRef {
        AwsNames.requireEcsName("cluster", cluster);
        AwsNames.requireEcsName("ECS service", service);
    }

    /** The part of the service ARN after {@code service/}: ECS's long ARN format includes the cluster. */
    String arnResourceName() {
        return cluster + "/" + service;
    }
}
