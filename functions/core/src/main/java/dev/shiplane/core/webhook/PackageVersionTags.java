package dev.shiplane.core.webhook;

/**
 * The tags a container package version carries now, from GitHub's Packages API. A GitHub delivery reports one tag
 * per event (often {@code latest} or a commit sha); the version the push made available may carry more, among them
 * the version tag an environment's policy wants.
 */
public interface PackageVersionTags {

    /**
     * Asks GitHub once (no retries: the webhook answers GitHub within its 10 s). Every answer GitHub can give is a
     * {@link TagLookup}; only a failure to read the token from its store is thrown.
     */
    TagLookup tagsOf(PackageVersionRef version);

    /** No token configured: nothing is asked, and the answer says so. */
    PackageVersionTags NOT_CONFIGURED = version -> new TagLookup.NotConfigured();
}
