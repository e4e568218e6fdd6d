package dev.shiplane.aws;

import dev.shiplane.core.ecsengine.NativeDeploymentSettings;
import dev.shiplane.core.rollout.ServiceRollouts;
import software.amazon.awssdk.services.ecs.EcsClient;

/** {@link ServiceRollouts} on Amazon ECS: one UpdateService call, never a waiter. */
public final class EcsServiceRollouts implements ServiceRollouts {

    private final EcsClient ecs;
    private final EcsNativeDeploymentConfiguration nativeConfiguration;

    /** For services on the shiplane engine or rolling ones only: a native service's update is refused. */
    public EcsServiceRollouts(EcsClient ecs) {
        this(ecs, new EcsNativeDeploymentConfiguration(null, null));
    }

    public EcsServiceRollouts(EcsClient ecs, EcsNativeDeploymentConfiguration nativeConfiguration) {
        this.ecs = ecs;
        this.nativeConfiguration = nativeConfiguration;
    }

    @Override
    public String roll(String cluster, String ecsService, String taskDefinitionArn) {
        return primaryDeployment(cluster, ecsService, ecs.updateService(r -> r.cluster(cluster).service(ecsService)
                .taskDefinition(taskDefinitionArn)).service());
    }

    @Override
    public String roll(String cluster, String ecsService, String taskDefinitionArn,
                       NativeDeploymentSettings settings) {
        var configuration = nativeConfiguration.render(settings);
        return primaryDeployment(cluster, ecsService, ecs.updateService(r -> r.cluster(cluster).service(ecsService)
                .taskDefinition(taskDefinitionArn).deploymentConfiguration(configuration)).service());
    }

    @Override
    public String roll(String cluster, String ecsService, String taskDefinitionArn, int desiredCount) {
        return primaryDeployment(cluster, ecsService, ecs.updateService(r -> r.cluster(cluster).service(ecsService)
                .taskDefinition(taskDefinitionArn).desiredCount(desiredCount)).service());
    }

    @Override
    public String restart(String cluster, String ecsService) {
        return primaryDeployment(cluster, ecsService, ecs.updateService(r -> r.cluster(cluster).service(ecsService)
                .forceNewDeployment(true)).service());
    }

    @Override
    public int desiredCount(String cluster, String ecsService) {
        var services = ecs.describeServices(r -> r.cluster(cluster).services(ecsService)).services();
        if (services.isEmpty()) {
            throw new IllegalStateException("ECS service " + cluster + "/" + ecsService + " does not exist");
        }
        return services.getFirst().desiredCount();
    }

    @Override
    public void scale(String cluster, String ecsService, int desiredCount) {
        ecs.updateService(r -> r.cluster(cluster).service(ecsService).desiredCount(desiredCount));
    }

    private static String primaryDeployment(String cluster, String ecsService,
                                            software.amazon.awssdk.services.ecs.model.Service service) {
        return service.deployments().stream()
                .filter(d -> "PRIMARY".equals(d.status()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("ECS returned no PRIMARY deployment for "
                        + cluster + "/" + ecsService))
                .id();
    }
}
