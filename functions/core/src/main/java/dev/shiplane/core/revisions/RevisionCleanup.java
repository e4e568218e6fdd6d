package dev.shiplane.core.revisions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which revisions of a family to deregister. Pure. Only revisions shiplane registered count and go: the newest
 * {@code keep} of them stay, and so does every older one something still needs ({@code protectedRevisions}: what
 * ECS runs, the head's rollout, its known-good revisions, the deployment in flight). Revisions others registered
 * are neither counted nor touched.
 */
public final class RevisionCleanup {

    private RevisionCleanup() {}

    /**
     * @param newestFirst        the family's ACTIVE revisions, newest first
     * @param keep               how many of shiplane's newest revisions stay regardless (at least 1)
     * @param protectedRevisions task-definition ARNs that must stay ACTIVE, each with why
     */
    public static CleanupDecision decide(List<FamilyRevision> newestFirst, int keep,
                                         Map<String, String> protectedRevisions) {
        if (keep < 1) throw new IllegalArgumentException("keep must be at least 1, was " + keep);
        var shiplanes = newestFirst.stream().filter(FamilyRevision::registeredByShiplane).toList();
        if (shiplanes.size() <= keep) {
            return new CleanupDecision.NothingToDeregister(shiplanes.size() + " of shiplane's revisions, "
                    + keep + " kept");
        }
        List<FamilyRevision> deregister = new ArrayList<>();
        Map<String, String> spared = new LinkedHashMap<>();
        for (var older : shiplanes.subList(keep, shiplanes.size())) {
            var protection = protectedRevisions.get(older.taskDefinitionArn());
            if (protection == null) {
                deregister.add(older);
            } else {
                spared.put(older.taskDefinitionArn(), protection);
            }
        }
        if (deregister.isEmpty()) {
            return new CleanupDecision.NothingToDeregister("every revision beyond the newest " + keep
                    + " is protected: " + String.join("; ", spared.entrySet().stream()
                    .map(e -> e.getKey().substring(e.getKey().lastIndexOf('/') + 1) + " (" + e.getValue() + ")")
                    .toList()));
        }
        return new CleanupDecision.Deregister(deregister, spared);
    }
}
