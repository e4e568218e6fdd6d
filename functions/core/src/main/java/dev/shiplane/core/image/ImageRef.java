package dev.shiplane.core.image;

/**
 * The image a deployment runs, as it appears in events and the ledger.
 *
 * @param registry   {@code ecr} or {@code ghcr}
 * @param repository repository within the registry
 * @param tag        pushed tag, or {@code null} for a digest-only push
 * @param digest     {@code sha256:…}
 * @param uri        digest-pinned pull reference
 */
public record ImageRef(String registry, String repository, String tag, String digest, String uri) {

    /** The registry host, from the pull reference ({@code host/repository@digest}). */
    public String registryHost() {
        return uri.substring(0, uri.indexOf('/'));
    }

    /** The push this image came from, rebuilt for promotion to another environment. */
    public ImagePush asPush(String pushId, java.time.Instant pushedAt) {
        return new ImagePush(pushId, Registry.fromCode(registry), registryHost(), repository, tag, digest, pushedAt);
    }

    public static ImageRef of(ImagePush push) {
        return new ImageRef(push.registry().code(), push.repository(), push.tag(), push.digest(), push.pinnedUri());
    }
}
