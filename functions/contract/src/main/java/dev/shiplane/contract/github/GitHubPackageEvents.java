package dev.shiplane.contract.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplane.contract.MalformedJsonException;
import dev.shiplane.contract.ShiplaneJson;
import dev.shiplane.core.image.CommitAnnotations;
import dev.shiplane.core.image.ImageCommit;
import dev.shiplane.core.webhook.PackageEvent;
import dev.shiplane.core.webhook.PackageEventReader;
import dev.shiplane.core.webhook.PackagePayload;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;

/**
 * Reads GitHub's {@code registry_package} and legacy {@code package} deliveries (both carry the package under a key
 * named like the event). Field names are GitHub's: {@code registry_package.namespace} is the owner,
 * {@code registry_package.name} the package (for a container, the image path below the owner), the version's
 * {@code container_metadata.tag} holds the tag and the manifest digest, and {@code package_version.id} with
 * {@code owner.type} address the version in GitHub's Packages API. Unknown fields are ignored.
 */
public final class GitHubPackageEvents implements PackageEventReader {

    // GitHub's own examples carry 0001-01-01T00:00:00Z for versions; no container was pushed before 2008.
    private static final Instant EARLIEST_PLAUSIBLE = Instant.parse("2008-01-01T00:00:00Z");

    @Override
    public PackagePayload read(String eventName, byte[] body) {
        JsonNode root;
        try {
            root = ShiplaneJson.tree(body);
        } catch (MalformedJsonException e) {
            return new PackagePayload.Unreadable("body is not JSON (" + e.getMessage() + ")");
        }
        if (!root.isObject()) {
            return new PackagePayload.Unreadable("body is not a JSON object");
        }
        var pkg = root.path(eventName);
        if (!pkg.isObject()) {
            return new PackagePayload.Unreadable(eventName + ": missing");
        }
        // absent levels read as absent fields: path() gives a missing node, whose members are missing too
        var version = pkg.path("package_version");
        var tag = version.path("container_metadata").path("tag");
        if (text(root, "action") == null) {
            return new PackagePayload.Unreadable("action: missing");
        }
        if (text(pkg, "name") == null) {
            return new PackagePayload.Unreadable(eventName + ".name: missing");
        }
        var namespace = text(pkg, "namespace") != null ? text(pkg, "namespace") : text(pkg.path("owner"), "login");
        if (namespace == null) {
            return new PackagePayload.Unreadable(eventName + ".namespace: missing");
        }
        var packageType = text(pkg, "package_type") != null ? text(pkg, "package_type") : text(pkg, "ecosystem");
        return new PackagePayload.Readable(new PackageEvent(text(root, "action"), packageType, namespace,
                text(pkg, "name"), text(tag, "name"), digest(version, tag), publishedAt(version, pkg),
                versionId(version), organizationOwned(root, pkg), commit(version)));
    }

    /**
     * The commit the version's labels name: {@code container_metadata.labels.all_labels} holds the image's labels
     * under their own keys (GitHub also copies a few, such as {@code revision}, under short names, but never shiplane's
     * commit time). Labels that are not strings are skipped; labels that name no commit give none.
     */
    private static ImageCommit commit(JsonNode version) {
        var labels = version.path("container_metadata").path("labels").path("all_labels");
        if (!labels.isObject()) return null;
        var byKey = new HashMap<String, String>();
        labels.properties().forEach(label -> {
            if (label.getValue().isTextual()) byKey.put(label.getKey(), label.getValue().asText());
        });
        return CommitAnnotations.read(byKey).orElse(null);
    }

    /** The id GitHub's Packages API addresses the version by; {@code null} unless a positive whole number. */
    private static Long versionId(JsonNode version) {
        var id = version.path("id");
        return id.canConvertToLong() && id.isIntegralNumber() && id.asLong() > 0 ? id.asLong() : null;
    }

    /** {@code owner.type}; a delivery that omits it is an organisation's when it names one. */
    private static boolean organizationOwned(JsonNode root, JsonNode pkg) {
        var type = text(pkg.path("owner"), "type");
        if (type != null) return type.equals("Organization");
        return root.path("organization").isObject();
    }

    /** The tag's manifest digest; a container version's own name is that digest when the tag carries none. */
    private static String digest(JsonNode version, JsonNode tag) {
        var fromTag = text(tag, "digest");
        if (fromTag != null && !fromTag.isBlank()) return fromTag;
        var name = text(version, "name");
        return name != null && name.startsWith("sha256:") ? name : null;
    }

    private static Instant publishedAt(JsonNode version, JsonNode pkg) {
        for (var candidate : new String[] {text(version, "updated_at"), text(version, "created_at"),
                text(pkg, "updated_at")}) {
            if (candidate == null) continue;
            try {
                var instant = Instant.parse(candidate);
                if (instant.isAfter(EARLIEST_PLAUSIBLE)) return instant;
            } catch (DateTimeParseException notATime) {
                // try the next one
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        var value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
