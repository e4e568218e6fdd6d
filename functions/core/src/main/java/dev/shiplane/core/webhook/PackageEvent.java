package dev.shiplane.core.webhook;

import dev.shiplane.core.image.ImageCommit;
import java.time.Instant;

/**
 * The parts of a GitHub {@code registry_package} (or legacy {@code package}) delivery that say which image version
 * was published. Values are as GitHub sent them; {@link WebhookTriage} decides what they mean.
 *
 * @param action      {@code published}, {@code updated}, …
 * @param packageType {@code CONTAINER} for GitHub Container Registry images ({@code docker} in older deliveries),
 *                    {@code npm}, {@code maven}, …
 * @param namespace   the package's owner, a user or an organisation ({@code monynha})
 * @param name        the package name, which for a container image may contain slashes ({@code monynha/web})
 * @param tag         {@code package_version.container_metadata.tag.name}; empty or {@code null} when the version
 *                    was pushed by digest only
 * @param digest      the manifest digest ({@code sha256:…}), or {@code null} when the delivery carries none
 * @param publishedAt when GitHub says the version was created or updated, or {@code null} when it gives no
 *                    usable time (examples carry {@code 0001-01-01T00:00:00Z})
 * @param versionId   {@code package_version.id}, which GitHub's Packages API addresses the version by, or
 *                    {@code null} when the delivery carries none
 * @param organizationOwned whether the package belongs to an organisation ({@code owner.type}
 *                    {@code Organization}) rather than a user: the API path differs
 * @param commit      the commit the version's labels say it was built from
 *                    ({@code container_metadata.labels.all_labels}, read by {@link dev.shiplane.core.image.CommitAnnotations}), or
 *                    {@code null}
 */
public record PackageEvent(String action, String packageType, String namespace, String name, String tag,
                           String digest, Instant publishedAt, Long versionId, boolean organizationOwned,
                           ImageCommit commit) {

    /** A delivery whose labels name no commit. */
    public PackageEvent(String action, String packageType, String namespace, String name, String tag, String digest,
                        Instant publishedAt, Long versionId, boolean organizationOwned) {
        this(action, packageType, namespace, name, tag, digest, publishedAt, versionId, organizationOwned, null);
    }

    /** A delivery without the version's id: its tags cannot be looked up. */
    public PackageEvent(String action, String packageType, String namespace, String name, String tag, String digest,
                        Instant publishedAt) {
        this(action, packageType, namespace, name, tag, digest, publishedAt, null, true);
    }
}
