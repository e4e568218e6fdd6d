package dev.shiplane.core.image;

import java.time.Instant;
import java.util.Objects;

/**
 * The commit an image was built from, as the image itself says (its index's OCI annotations in ECR, its labels in a
 * GitHub Packages delivery; keys in docs/PUBLISHING.md). DORA's lead time for changes runs from {@code committedAt}.
 *
 * @param sha         {@code org.opencontainers.image.revision}: the commit's id
 * @param committedAt {@code dev.shiplane.commit.timestamp}: when the commit was made; {@code null} when the image
 *                    names its commit but not its time (lead time then runs from the push)
 */
public record ImageCommit(String sha, Instant committedAt) {

    public ImageCommit {
        Objects.requireNonNull(sha, "sha");
        if (sha.isBlank()) throw new IllegalArgumentException("sha must not be blank");
    }

    /** The first 7 characters, as people quote a commit. */
    public String shortSha() {
        return sha.length() <= 7 ? sha : sha.substring(0, 7);
    }
}
