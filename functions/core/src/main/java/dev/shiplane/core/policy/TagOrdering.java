package dev.shiplane.core.policy;

import java.util.Comparator;
import java.util.Optional;

/**
 * How tags that name the same image rank, lowest first: semantic versions by precedence ({@code 1.10.0} above
 * {@code 1.9.0}, {@code 2.0.0} above {@code 2.0.0-rc.1}), above every tag that is not a version; those compare as
 * text. Equal versions ({@code v1.6.0} and {@code 1.6.0}) fall back to text, so the order is total.
 */
public final class TagOrdering {

    public static final Comparator<String> LOWEST_FIRST = TagOrdering::compare;

    private TagOrdering() {}

    private static int compare(String a, String b) {
        Optional<SemanticVersion> va = SemanticVersion.parse(a);
        Optional<SemanticVersion> vb = SemanticVersion.parse(b);
        if (va.isPresent() && vb.isPresent()) {
            var byVersion = va.get().compareTo(vb.get());
            return byVersion != 0 ? byVersion : a.compareTo(b);
        }
        if (va.isPresent()) return 1;
        if (vb.isPresent()) return -1;
        return a.compareTo(b);
    }
}
