package dev.shiplane.core.revisions;

import java.util.List;
import java.util.Map;

/** What {@link RevisionCleanup} decided for one family. */
public sealed interface CleanupDecision {

    /**
     * Nothing is deregistered.
     *
     * @param why for the log line only
     */
    record NothingToDeregister(String why) implements CleanupDecision {}

    /**
     * These revisions, oldest last as listed, are deregistered.
     *
     * @param revisions shiplane's revisions beyond the newest {@code keep} that nothing protects
     * @param spared    older shiplane revisions kept anyway, each with the protection that kept it
     */
    record Deregister(List<FamilyRevision> revisions, Map<String, String> spared) implements CleanupDecision {
        public Deregister {
            revisions = List.copyOf(revisions);
            spared = Map.copyOf(spared);
        }
    }
}
