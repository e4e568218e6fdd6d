package dev.shiplane.core.webhook;

/**
 * One version of a container package on GitHub, as its REST API addresses it:
 * {@code /orgs/{owner}/packages/container/{packageName}/versions/{versionId}}, or {@code /users/…} for a user's.
 *
 * @param organization whether the owner is an organisation (GitHub's {@code owner.type} {@code Organization})
 * @param owner        the owner's login, as GitHub spells it ({@code Monynha})
 * @param packageName  the package name, slashes included ({@code monynha/web})
 * @param versionId    {@code package_version.id} of the delivery
 */
public record PackageVersionRef(boolean organization, String owner, String packageName, long versionId) {}
