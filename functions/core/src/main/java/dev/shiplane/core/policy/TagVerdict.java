package dev.shiplane.core.policy;

import dev.shiplane.core.events.SkipReason;

/** The outcome of asking a {@link TagPolicy} about one push. */
public sealed interface TagVerdict {

    String explanation();

    record Admitted(String explanation) implements TagVerdict {}

    record Rejected(SkipReason reason, String explanation) implements TagVerdict {}
}
