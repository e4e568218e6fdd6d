package dev.shiplane.core.revisions;

import java.util.List;

/** What a revision cleanup did; {@link #text()} is only for the log line and the invocation's result. */
public sealed interface RevisionCleanupOutcome {

    String text();

    /** Not cleaned now: not a managed service, or the service is being changed (its next success cleans). */
    record Ignored(String why) implements RevisionCleanupOutcome {
        public String text() {
            return "revisions not cleaned: " + why;
        }
    }

    /** The family was looked at and nothing in it had to go. */
    record NothingToDeregister(String family, String why) implements RevisionCleanupOutcome {
        public String text() {
            return "revisions of " + family + ": nothing to deregister (" + why + ")";
        }
    }

    /** These revisions of the family are INACTIVE now. */
    record Deregistered(String family, List<String> taskDefinitions) implements RevisionCleanupOutcome {
        public Deregistered {
            taskDefinitions = List.copyOf(taskDefinitions);
        }

        public String text() {
            return "revisions of " + family + ": deregistered " + taskDefinitions.stream()
                    .map(arn -> arn.substring(arn.lastIndexOf(':') + 1)).toList();
        }
    }
}
