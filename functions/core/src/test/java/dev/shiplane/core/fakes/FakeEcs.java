package dev.shiplane.core.fakes;

import dev.shiplane.core.ecsengine.NativeDeploymentSettings;
import dev.shiplane.core.rollout.ServiceRollouts;
import dev.shiplane.core.deploy.TaskDefinitions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ECS services and task definitions in memory; counts registrations and can fail the next rollouts. Like ECS, it
 * refuses services and task definitions it does not know. A task definition declared without its containers
 * ({@link #service(String, String, String)}) accepts any container name; one declared with them
 * ({@link #service(String, String, String, String)}) refuses others, as ECS's does.
 */
public final class FakeEcs implements TaskDefinitions, ServiceRollouts {

    public record Registration(String from, String container, String image, Map<String, String> labels, String arn) {}

    private final Map<String, String> serviceTaskDefinitions = new HashMap<>();
    private final Map<String, Integer> desiredCounts = new HashMap<>();
    private final Map<String, NativeDeploymentSettings> nativeSettings = new HashMap<>();
    /** Task definition ARN → container name → image; an empty map means the test did not declare the containers. */
    private final Map<String, Map<String, String>> containers = new HashMap<>();
    private final List<Registration> registrations = new ArrayList<>();
    private final Map<String, String> images = new HashMap<>();
    private final List<String> rollouts = new ArrayList<>();
    private int revision = 1;
    private int rollFailuresLeft;

    public FakeEcs service(String cluster, String service, String taskDefinition) {
        serviceTaskDefinitions.put(cluster + "/" + service, taskDefinition);
        containers.putIfAbsent(taskDefinition, Map.of());
        return this;
    }

    public FakeEcs service(String cluster, String service, String taskDefinition, int desiredCount) {
        desiredCounts.put(cluster + "/" + service, desiredCount);
        return service(cluster, service, taskDefinition);
    }

    /**
     * A service running a new task definition {@code <cluster>-<service>:1} with one container, like the emulator's
     * seed ({@code TestAws.ecsService}), at 2 tasks.
     *
     * @return the task definition's ARN
     */
    public String service(String cluster, String service, String container, String image) {
        var arn = "arn:aws:ecs:us-east-1:123456789012:task-definition/" + cluster + "-" + service + ":1";
        containers.put(arn, Map.of(container, image));
        service(cluster, service, arn, 2);
        return arn;
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

    /** The labels a registration added to {@code taskDefinitionArn}; empty for a declared task definition. */
    public Map<String, String> labelsOf(String taskDefinitionArn) {
        return registrations.stream().filter(r -> r.arn().equals(taskDefinitionArn)).findFirst()
                .map(Registration::labels).orElse(Map.of());
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
        return existing(cluster, ecsService);
    }

    @Override
    public String imageOf(String taskDefinitionArn, String container) {
        var declared = containers.getOrDefault(taskDefinitionArn, Map.of()).get(container);
        if (declared != null) return declared;
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
        var declared = containers.get(taskDefinitionArn);
        if (declared == null) throw new IllegalStateException("task definition " + taskDefinitionArn + " does not exist");
        if (!declared.isEmpty() && !declared.containsKey(container)) {
            throw new IllegalStateException("task definition " + taskDefinitionArn + " has no container '" + container
                    + "' (containers: " + declared.keySet() + ")");
        }
        var family = taskDefinitionArn.substring(0, taskDefinitionArn.lastIndexOf(':'));
        var arn = family + ":" + (++revision);
        var images = new LinkedHashMap<>(declared);
        if (!declared.isEmpty()) images.put(container, imageUri);
        containers.put(arn, Map.copyOf(images));
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
        return roll(cluster, ecsService, existing(cluster, ecsService));
    }

    @Override
    public int desiredCount(String cluster, String ecsService) {
        existing(cluster, ecsService);
        return desiredCounts.getOrDefault(cluster + "/" + ecsService, 0);
    }

    @Override
    public void scale(String cluster, String ecsService, int desiredCount) {
        existing(cluster, ecsService);
        desiredCounts.put(cluster + "/" + ecsService, desiredCount);
    }

    @Override
    public String roll(String cluster, String ecsService, String taskDefinitionArn) {
        if (rollFailuresLeft > 0) {
            rollFailuresLeft--;
            throw new IllegalStateException("UpdateService throttled (injected)");
        }
        existing(cluster, ecsService);
        serviceTaskDefinitions.put(cluster + "/" + ecsService, taskDefinitionArn);
        rollouts.add(cluster + "/" + ecsService + "=" + taskDefinitionArn);
        return "ecs-svc/" + (1000 + rollouts.size());
    }

    private String existing(String cluster, String ecsService) {
        var td = serviceTaskDefinitions.get(cluster + "/" + ecsService);
        if (td == null) throw new IllegalStateException("ECS service " + cluster + "/" + ecsService + " does not exist");
        return td;
    }
}
