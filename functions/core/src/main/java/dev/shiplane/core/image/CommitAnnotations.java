package dev.shiplane.core.image;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the commit an image was built from out of its annotations or labels (the same keys either way): the
 * revision under OCI's {@code org.opencontainers.image.revision}, the commit's time under shiplane's
 * {@code dev.shiplane.commit.timestamp} (OCI has no key for it; {@code org.opencontainers.image.created} is the
 * build's time, not the commit's). What an image says about itself is its builder's word: a value that is not a
 * commit id or not a time is left out rather than trusted, and never fails the push that carried it.
 */
public final class CommitAnnotations {

    /** OCI's key for the source revision: a git commit sha for images built by the publish workflow. */
    public static final String REVISION = "org.opencontainers.image.revision";
    /** shiplane's key for when the commit was made (RFC 3339). */
    public static final String COMMIT_TIMESTAMP = "dev.shiplane.commit.timestamp";

    // A git object id (SHA-1 or SHA-256, abbreviated to 7 at least). Anything else in a revision label (a branch
    // name, a free text) names no commit a lead time could run from.
    private static final Pattern COMMIT_SHA = Pattern.compile("[0-9a-f]{7,64}");

    private CommitAnnotations() {}

    /** The commit the annotations name; empty without a readable revision. */
    public static Optional<ImageCommit> read(Map<String, String> annotations) {
        if (annotations == null) return Optional.empty();
        var revision = annotations.get(REVISION);
        if (revision == null) return Optional.empty();
        var sha = revision.strip().toLowerCase(java.util.Locale.ROOT);
        if (!COMMIT_SHA.matcher(sha).matches()) return Optional.empty();
        return Optional.of(new ImageCommit(sha, timestamp(annotations.get(COMMIT_TIMESTAMP))));
    }

    /** RFC 3339 with any offset ({@code git log --format=%cI} writes the committer's own); {@code null} otherwise. */
    private static Instant timestamp(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException notATime) {
            return null;
        }
    }
}
