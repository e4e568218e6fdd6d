package dev.shiplane.core.webhook;

import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.config.TargetResolver;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.policy.TagOrdering;
import dev.shiplane.core.policy.TagPolicy;
import dev.shiplane.core.policy.TagVerdict;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which tag a GitHub delivery deploys under. GitHub reports one tag per delivery, often {@code latest} or a commit
 * sha while the version tag is what a policy wants: when no environment taking pushes of the image admits the
 * delivered tag, the version's tags are read from GitHub and the highest one a policy admits is deployed instead.
 * Pure: the policies and the tags GitHub reported are inputs.
 */
public final class VersionTagChoice {

    /** Tags named in a reason, at most: a version can carry many. */
    static final int MAX_LISTED = 10;

    private VersionTagChoice() {}

    /**
     * The tag policies of the targets that take pushes of {@code push}'s repository (the service's own, else the
     * environment's), in configuration order, each once. Environments fed by promotion are left out: they never
     * deploy a push's tag directly.
     */
    public static List<TagPolicy> pushPolicies(ShiplaneConfig config, ImagePush push) {
        return TargetResolver.resolve(config, push).stream().filter(t -> !t.environment().promoted())
                .map(Target::tagPolicy).distinct().toList();
    }

    /**
     * Whether GitHub must be asked for the version's tags: some environment takes pushes of the image, and none
     * admits the delivered tag. A delivery without a tag (a platform manifest, a push by digest) always asks: the
     * webhook never deploys by digest alone.
     */
    public static boolean needsLookup(List<TagPolicy> policies, String deliveredTag) {
        if (policies.isEmpty()) return false;
        return deliveredTag == null || policies.stream().noneMatch(p -> admits(p, deliveredTag));
    }

    /**
     * The highest of {@code versionTags} that some policy admits, by {@link TagOrdering}; or why none is.
     *
     * @param deliveredTag the tag the delivery reported, {@code null} when it had none; only quoted
     */
    public static TagChoice choose(List<TagPolicy> policies, String deliveredTag, List<String> versionTags) {
        var delivered = deliveredTag == null ? "delivered without a tag" : "delivered as '" + deliveredTag + "'";
        var admitted = versionTags.stream().filter(tag -> policies.stream().anyMatch(p -> admits(p, tag)))
                .max(TagOrdering.LOWEST_FIRST);
        if (admitted.isPresent()) {
            return new TagChoice.Chosen(admitted.get(), delivered + "; GitHub reports the version's tags as "
                    + listed(versionTags) + ": '" + admitted.get() + "' is the highest admitted by "
                    + described(policies));
        }
        return new TagChoice.NoneAdmitted((versionTags.isEmpty() ? "GitHub reports no tags for the version"
                : "GitHub reports the version's tags as " + listed(versionTags)) + " (" + delivered + "); none is"
                + " admitted by " + described(policies));
    }

    private static boolean admits(TagPolicy policy, String tag) {
        return policy.admits(tag) instanceof TagVerdict.Admitted;
    }

    static String listed(List<String> tags) {
        var shown = tags.stream().limit(MAX_LISTED).map(WebhookTriage::quoted).collect(Collectors.joining(", "));
        return "[" + shown + (tags.size() > MAX_LISTED ? ", … (" + tags.size() + " tags)" : "") + "]";
    }

    private static String described(List<TagPolicy> policies) {
        return policies.stream().map(p -> p.matcher().describe()
                        + (p.allowLatest() ? " (latest allowed)" : ""))
                .collect(Collectors.joining(" or "));
    }
}
