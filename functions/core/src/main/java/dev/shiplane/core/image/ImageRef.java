package dev.shiplane.core.image;

/**
 * The image a deployment runs, as it appears in events and the ledger.
 *
 * @param registry   {@code ecr} or {@code ghcr}
 * @param repository repository within the registry
 * @param tag        pushed tag, or {@code null} for a digest-only push
 * @param digest     {@code sha256:…}
 * @param uri        digest-pinned pull reference
 * @param commit     the commit the image was built from, when its push said so ({@code null} otherwise): DORA's lead
 *                   time runs from it
 */
public record ImageRef(String registry, String repository, String tag, String digest, String uri,
                       ImageCommit commit) {

    /** An image whose commit is not known. */
    public ImageRef(String registry, String repository, String tag, String digest, String uri) {
        this(registry, repository, tag, digest, uri, null);
    }

    /** The registry host, from the pull reference ({@code host/repository@digest}). */
    public String registryHost() {
        return uri.substring(0, uri.indexOf('/'));
    }

    /** The push this image came from, rebuilt for promotion to another environment. */
    public ImagePush asPush(String pushId, java.time.Instant pushedAt) {
        return new ImagePush(pushId, Registry.fromCode(registry), registryHost(), repository, tag, digest, pushedAt,
                commit);
    }

    /** Stands for a digest a tag-only reference does not carry (the ledger stores a digest with every image). */
    public static final String DIGEST_NOT_PINNED = "not-pinned";

    /**
     * The image a task definition names, for a revision shiplane did not register: {@code host/repository:tag},
     * {@code host/repository@sha256:…} or both; no tag and no digest means Docker's {@code latest}. The registry is
     * {@code ghcr} for ghcr.io and {@code ecr} otherwise, as only those two feed shiplane.
     */
    public static ImageRef fromUri(String uri) {
        var at = uri.indexOf('@');
        var name = at < 0 ? uri : uri.substring(0, at);
        var digest = at < 0 ? DIGEST_NOT_PINNED : uri.substring(at + 1);
        var slash = name.indexOf('/');
        var firstPart = slash < 0 ? "" : name.substring(0, slash);
        var hasHost = firstPart.contains(".") || firstPart.contains(":") || firstPart.equals("localhost");
        var path = hasHost ? name.substring(slash + 1) : name;
        var colon = path.lastIndexOf(':');
        var repository = colon < 0 ? path : path.substring(0, colon);
        var tag = colon >= 0 ? path.substring(colon + 1) : at < 0 ? "latest" : null;
        return new ImageRef(firstPart.equals("ghcr.io") ? Registry.GHCR.code() : Registry.ECR.code(), repository, tag,
                digest, uri);
    }

    public static ImageRef of(ImagePush push) {
        return new ImageRef(push.registry().code(), push.repository(), push.tag(), push.digest(), push.pinnedUri(),
                push.commit());
    }
}
