package dev.shiplane.core.revisions;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.ServiceState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The revisions of a service that must stay ACTIVE, each with why. Pure. ECS cannot move a service to an INACTIVE
 * revision, so everything a rollback, an abort or an approval may still return to or go on with is here.
 */
public final class ProtectedRevisions {

    private ProtectedRevisions() {}

    /**
     * @param state  the service's ledger head
     * @param active the deployment the head names active, if any (in flight, or awaiting an approval)
     * @param runByEcs what ECS runs or is moving the service's ECS services (both colours) to
     */
    public static Map<String, String> of(ServiceState state, Optional<Deployment> active, Set<String> runByEcs) {
        var reasons = new LinkedHashMap<String, String>();
        runByEcs.forEach(arn -> protect(reasons, arn, "ECS runs it"));
        active.ifPresent(d -> {
            var role = d.approval() != null ? "awaiting approval" : d.status().code();
            protect(reasons, d.toTaskDefinition(), "the active deployment's revision (" + role + ")");
            protect(reasons, d.fromTaskDefinition(), "what the active deployment replaced (" + role + ")");
        });
        if (state.rollout() != null) {
            protect(reasons, state.rollout().canaryTaskDefinition(), "the rollout's new colour");
            protect(reasons, state.rollout().stableTaskDefinition(), "the rollout's live colour");
        }
        protect(reasons, state.stableTaskDefinition(), "the service's stable revision");
        state.knownGood().forEach(k -> protect(reasons, k.taskDefinition(), "known-good: a rollback target"));
        return reasons;
    }

    private static void protect(Map<String, String> reasons, String taskDefinition, String why) {
        if (taskDefinition != null) reasons.putIfAbsent(taskDefinition, why);
    }
}
