package dev.shiplane.core.fakes;

import dev.shiplane.core.ecsengine.NativeDeploymentSettings;
import dev.shiplane.core.ports.ServiceRollouts;
import dev.shiplane.core.ports.TaskDefinitions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** ECS services and task definitions in memory; counts registrations and can fail the next rollouts. */
public final class FakeEcs implements TaskDefinitions, ServiceRollouts {

    public record Registration(String from, String container, String image, Map<String, String> labels, String arn) {}

    private final Map<String, String> serviceTaskDefinitions = new HashMap<>();
    private final Map<String, Integer> desiredCounts = new HashMap<>();
    private final Map<String, NativeDeploymentSettings> nativeSettings = new HashMap<>();
    private final List<Registration> registrations = new ArrayList<>();
    private final Map<String, String> images = new HashMap<>();
    private final List<String> rollouts = new ArrayList<>();
    private int revision = 1;
    private int rollFailuresLeft;

    public FakeEcs service(String cluster, String service, String taskDefinition) {
        serviceTaskDefinitions.put(cluster + "/" + service, taskDefinition);
        return this;
    }

    public FakeEcs service(String cluster, String service, String taskDefinition, int desiredCount) {
        desiredCounts.put(cluster + "/" + service, desiredCount);
        return service(cluster, service, taskDefinition);
    }

    /** The image {@code container} runs in a revision not registered through this fake (a bootstrap revision). */
    public FakeEcs image(String taskDefinition, String container, String imageUri) {
        images.put(taskDefinition + "#" + container, imageUri);
        return this;
    }

    public int desiredCountOf(String cluster, String service) {
        return desiredCounts.getOrDefault(cluster + "/" + service, 0);
    }

    public String taskDefinitionOf(String cluster, String service) {
        return serviceTaskDefinitions.get(cluster + "/" + service);
    }

    public List<Registration> registrations() {
        return List.copyOf(registrations);
    }

    public List<String> rollouts() {
        return List.copyOf(rollouts);
    }

    public void failNextRollouts(int count) {
        rollFailuresLeft = count;
    }

    @Override
    public String currentOf(String cluster, String ecsService) {
        var td = serviceTaskDefinitions.get(cluster + "/" + ecsService);
        if (td == null) throw new IllegalStateException("ECS service " + cluster + "/" + ecsService + " does not exist");
        return td;
    }

    @Override
    public String imageOf(String taskDefinitionArn, String container) {
        var registered = registrations.stream().filter(r -> r.arn().equals(taskDefinitionArn)
                && r.container().equals(container)).findFirst();
        if (registered.isPresent()) return registered.get().image();
        var image = images.get(taskDefinitionArn + "#" + container);
        if (image == null) {
            throw new IllegalStateException("task definition " + taskDefinitionArn + " has no container " + container);
        }
        return image;
    }

    @Override
    public String registerWithImage(String taskDefinitionArn, String container, String imageUri,
                                    Map<String, String> labels) {
        var family = taskDefinitionArn.substring(0, taskDefinitionArn.lastIndexOf(':'));
        var arn = family + ":" + (++revision);
        registrations.add(new Registration(taskDefinitionArn, container, imageUri, Map.copyOf(labels), arn));
        return arn;
    }

    @Override
    public String roll(String cluster, String ecsService, String taskDefinitionArn, int desiredCount) {
        var id = roll(cluster, ecsService, taskDefinitionArn);
        desiredCounts.put(cluster + "/" + ecsService, desiredCount);
        return id;
    }

    @Override
    public String roll(String cluster, String ecsService, String taskDefinitionArn,
                       NativeDeploymentSettings settings) {
        var id = roll(cluster, ecsService, taskDefinitionArn);
        nativeSettings.put(cluster + "/" + ecsService, settings);
        return id;
    }

    /** The deployment settings the service's last update on ECS's engine carried, or {@code null}. */
    public NativeDeploymentSettings nativeSettingsOf(String cluster, String service) {
        return nativeSettings.get(cluster + "/" + service);
    }

    @Override
    public String restart(String cluster, String ecsService) {
        return roll(cluster, ecsService, serviceTaskDefinitions.get(cluster + "/" + ecsService));
    }

    @Override
    public int desiredCount(String cluster, String ecsService) {
        return desiredCounts.getOrDefault(cluster + "/" + ecsService, 0);
    }

    @Override
    public void scale(String cluster, String ecsService, int desiredCount) {
        desiredCounts.put(cluster + "/" + ecsService, desiredCount);
    }

    @Override
    public String roll(String cluster, String ecsService, String taskDefinitionArn) {
        if (rollFailuresLeft > 0) {
            rollFailuresLeft--;
            throw new IllegalStateException("UpdateService throttled (injected)");
        }
        serviceTaskDefinitions.put(cluster + "/" + ecsService, taskDefinitionArn);
        rollouts.add(cluster + "/" + ecsService + "=" + taskDefinitionArn);
        return "ecs-svc/" + (1000 + rollouts.size());
    }
}
