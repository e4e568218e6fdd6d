package dev.shiplane.core.image;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image that arrived in a registry, normalised from ECR's or GitHub's own event.
 *
 * @param pushId       stable id of the push in its source (ECR event id, GitHub delivery id): the idempotency key
 * @param registry     which registry
 * @param registryHost host to pull from ({@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}, {@code ghcr.io})
 * @param repository   repository within the registry ({@code monynha/web})
 * @param tag          the pushed tag, or {@code null} for a digest-only push
 * @param digest       {@code sha256:…}; deployments always pin it
 * @param pushedAt     when the registry accepted the push; orders competing pushes
 * @param commit       the commit the image was built from, when the image says so ({@code null} otherwise)
 */
public record ImagePush(String pushId, Registry registry, String registryHost, String repository, String tag,
                        String digest, Instant pushedAt, ImageCommit commit) {

    /** A push whose image names no commit (or before anyone asked it). */
    public ImagePush(String pushId, Registry registry, String registryHost, String repository, String tag,
                     String digest, Instant pushedAt) {
        this(pushId, registry, registryHost, repository, tag, digest, pushedAt, null);
    }

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    public ImagePush {
        Objects.requireNonNull(pushId, "pushId");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(registryHost, "registryHost");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(pushedAt, "pushedAt");
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("digest must be sha256:<64 hex>, was '" + digest + "'");
        }
        if (tag != null && tag.isBlank()) {
            tag = null;
        }
    }

    /** The same push, with the commit its image was built from ({@code null}: none known). */
    public ImagePush withCommit(ImageCommit builtFrom) {
        return new ImagePush(pushId, registry, registryHost, repository, tag, digest, pushedAt, builtFrom);
    }

    /** The same push under another of its image's tags. */
    public ImagePush withTag(String otherTag) {
        return new ImagePush(pushId, registry, registryHost, repository, otherTag, digest, pushedAt, commit);
    }

    /** The name configuration uses for this repository: ECR names as they are, GHCR images with their host. */
    public String source() {
        return registry == Registry.ECR ? repository : registryHost + "/" + repository;
    }

    /** The digest-pinned reference a task definition runs: the tag can move, the digest cannot. */
    public String pinnedUri() {
        return registryHost + "/" + repository + "@" + digest;
    }

    /** {@code repository:tag} for people, or {@code repository@digest} when there is no tag. */
    public String displayName() {
        return tag == null ? repository + "@" + digest : repository + ":" + tag;
    }
}
