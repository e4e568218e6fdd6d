package dev.shiplane.core.fakes;

import dev.shiplane.core.revisions.FamilyRevision;
import dev.shiplane.core.revisions.FamilyRevisions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** In-memory task-definition families and the revisions services run, as ECS keeps them. */
public final class FakeFamilyRevisions implements FamilyRevisions {

    private final Map<String, Integer> latest = new HashMap<>();
    private final List<FamilyRevision> registered = new ArrayList<>();
    private final Set<String> inactive = new HashSet<>();
    private final Map<String, Set<String>> running = new HashMap<>();
    private final List<String> deregistrations = new ArrayList<>();

    /** Registers the next revision of {@code family}; returns its ARN. */
    public String register(String family, boolean byShiplane) {
        int revision = latest.merge(family, 1, Integer::sum);
        var arn = "arn:aws:ecs:us-east-1:123456789012:task-definition/" + family + ":" + revision;
        registered.add(new FamilyRevision(arn, revision, byShiplane));
        return arn;
    }

    /** ECS runs these revisions for the service (its task definition, its deployments still draining). */
    public FakeFamilyRevisions runs(String cluster, String service, String... taskDefinitionArns) {
        running.put(cluster + "/" + service, new LinkedHashSet<>(List.of(taskDefinitionArns)));
        return this;
    }

    public String statusOf(String taskDefinitionArn) {
        return inactive.contains(taskDefinitionArn) ? "INACTIVE" : "ACTIVE";
    }

    /** Every deregistration asked, in order, repeats included. */
    public List<String> deregistrations() {
        return List.copyOf(deregistrations);
    }

    @Override
    public List<FamilyRevision> activeNewestFirst(String family) {
        return registered.stream()
                .filter(r -> FamilyRevision.familyOf(r.taskDefinitionArn()).equals(family))
                .filter(r -> !inactive.contains(r.taskDefinitionArn()))
                .sorted(Comparator.comparingInt(FamilyRevision::revision).reversed())
                .toList();
    }

    @Override
    public Set<String> runByEcs(String cluster, List<String> ecsServices) {
        Set<String> result = new LinkedHashSet<>();
        ecsServices.forEach(s -> result.addAll(running.getOrDefault(cluster + "/" + s, Set.of())));
        return result;
    }

    @Override
    public void deregister(String taskDefinitionArn) {
        if (registered.stream().noneMatch(r -> r.taskDefinitionArn().equals(taskDefinitionArn))) {
            throw new IllegalStateException("task definition " + taskDefinitionArn + " does not exist");
        }
        deregistrations.add(taskDefinitionArn);
        inactive.add(taskDefinitionArn);
    }
}
