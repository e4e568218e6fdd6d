package dev.shiplane.core.revisions;

import java.util.List;
import java.util.Set;

/**
 * The revisions of a task-definition family, what ECS runs of them, and deregistering one: what the revision
 * cleanup needs from ECS.
 */
public interface FamilyRevisions {

    /**
     * Every ACTIVE revision of exactly {@code family} (not of families whose names merely start with it), newest
     * first, each with whether shiplane registered it.
     */
    List<FamilyRevision> activeNewestFirst(String family);

    /**
     * Every revision ECS runs or is moving {@code ecsServices} to: each service's task definition and every one of
     * its deployments and task sets (the old tasks still draining, ECS's engine's in-flight deployment). A service
     * that does not exist runs nothing.
     */
    Set<String> runByEcs(String cluster, List<String> ecsServices);

    /**
     * Deregisters the revision: it becomes INACTIVE, tasks running it keep running, nothing new starts from it.
     * Deregistering a revision that is already INACTIVE is not an error (a retried cleanup repeats its last step).
     */
    void deregister(String taskDefinitionArn);
}
