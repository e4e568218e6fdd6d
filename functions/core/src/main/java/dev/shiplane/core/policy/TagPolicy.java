package dev.shiplane.core.policy;

import dev.shiplane.core.events.SkipReason;

/**
 * Which pushed tags an environment deploys.
 *
 * <p>{@code latest} and digest-only pushes are handled before the matcher and refused by default: both name an
 * image that cannot be told apart from the next one by its tag, which makes a deployment history unreadable and a
 * rollback target ambiguous. Each can be allowed explicitly.
 *
 * @param matcher       the tag rule (semver range, glob, regex or any)
 * @param allowLatest   deploy pushes tagged {@code latest} (default false)
 * @param allowUntagged deploy digest-only pushes, pinned by digest (default false)
 */
public record TagPolicy(TagMatcher matcher, boolean allowLatest, boolean allowUntagged) {

    public static final String LATEST = "latest";

    public TagVerdict admits(String tag) {
        if (tag == null || tag.isBlank()) {
            return allowUntagged
                    ? new TagVerdict.Admitted("digest-only push admitted by allowUntagged")
                    : new TagVerdict.Rejected(SkipReason.NO_TAG,
                            "digest-only push (no tag); set allowUntagged: true to deploy pushes by digest");
        }
        if (tag.equals(LATEST)) {
            return allowLatest
                    ? new TagVerdict.Admitted("'latest' admitted by allowLatest")
                    : new TagVerdict.Rejected(SkipReason.POLICY,
                            "tag 'latest' is mutable and is not deployed unless allowLatest: true");
        }
        var mismatch = matcher.mismatch(tag);
        return mismatch == null
                ? new TagVerdict.Admitted("tag '" + tag + "' matches " + matcher.describe())
                : new TagVerdict.Rejected(SkipReason.POLICY, mismatch);
    }
}
