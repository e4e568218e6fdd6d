package dev.shiplane.core.webhook;

import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides what to do with a GitHub delivery from what is known about it. Pure: the same facts always give the same
 * decision, and a missing fact is asked for ({@link WebhookDecision.VerifySignature}, …) instead of fetched.
 *
 * <p>The order is the security order: size first (an oversize body is not hashed), then the signature (nothing
 * about an unsigned request is looked at further, not even its headers), then headers and body, then (only when no
 * environment admits the delivered tag) the version's tags from GitHub, and the delivery id is claimed last, only
 * for a delivery that would publish.
 */
public final class WebhookTriage {

    public static final String GHCR_HOST = "ghcr.io";
    static final Set<String> PACKAGE_EVENTS = Set.of("registry_package", "package");
    static final Set<String> PUBLISHING_ACTIONS = Set.of("published", "updated");
    // Container packages are CONTAINER today; deliveries from the Docker registry era said docker.
    static final Set<String> CONTAINER_TYPES = Set.of("container", "docker");
    // GitHub's delivery ids are GUIDs; anything else is not a delivery GitHub made (and becomes part of a key).
    private static final Pattern DELIVERY_ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
    // OCI distribution spec: path components of lowercase alphanumerics joined by separators.
    private static final Pattern IMAGE_NAME =
            Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
    // Docker's reference grammar: a name, registry host included, is at most 255 characters. Longer would also make
    // an Image Pushed EventBridge refuses (the webhook would then fail every redelivery of the same delivery).
    static final int MAX_IMAGE_NAME = 255;
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    // Values quoted in a reason are cut to this: the reason is one line on GitHub's delivery page and in the log.
    static final int MAX_QUOTED = 80;
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private WebhookTriage() {}

    /**
     * @param config which environments take pushes of which images, under which tag policies
     * @param now    when the delivery arrived: the push time when GitHub gives none
     */
    public static WebhookDecision decide(WebhookFacts facts, ShiplaneConfig config, WebhookLimits limits,
                                         Instant now) {
        if (facts.bodySize() > limits.maxBodyBytes()) {
            return answer(WebhookOutcome.TOO_LARGE, "body of " + facts.bodySize() + " bytes exceeds the limit of "
                    + limits.maxBodyBytes() + " bytes");
        }
        if (facts.signature() == null) {
            return new WebhookDecision.VerifySignature();
        }
        switch (facts.signature()) {
            case MISSING -> {
                return answer(WebhookOutcome.UNAUTHORIZED, "X-Hub-Signature-256 is missing or not sha256=<hex>");
            }
            case MISMATCH -> {
                return answer(WebhookOutcome.UNAUTHORIZED, "X-Hub-Signature-256 does not match the webhook secret");
            }
            case CURRENT_SECRET, PREVIOUS_SECRET -> { /* authenticated: go on */ }
        }
        var eventName = facts.eventName() == null ? "" : facts.eventName().strip();
        if (eventName.isEmpty()) {
            return answer(WebhookOutcome.BAD_REQUEST, "X-GitHub-Event header is missing");
        }
        if (facts.deliveryId() == null || !DELIVERY_ID.matcher(facts.deliveryId()).matches()) {
            return answer(WebhookOutcome.BAD_REQUEST, "X-GitHub-Delivery header is missing or not a delivery id");
        }
        if (eventName.equals("ping")) {
            return answer(WebhookOutcome.PONG, "ping received: the webhook reaches shiplane and its secret matches");
        }
        if (!PACKAGE_EVENTS.contains(eventName)) {
            return answer(WebhookOutcome.IGNORED, "event " + quoted(eventName) + " is not a package event; select only"
                    + " \"Registry packages\" for this webhook");
        }
        if (facts.payload() == null) {
            return new WebhookDecision.ReadPayload();
        }
        return switch (facts.payload()) {
            case PackagePayload.Unreadable(var problem) -> answer(WebhookOutcome.BAD_REQUEST, problem);
            case PackagePayload.Readable(var event) -> decidePackage(facts, event, config, now);
        };
    }

    private static WebhookDecision decidePackage(WebhookFacts facts, PackageEvent event, ShiplaneConfig config,
                                                 Instant now) {
        var ignored = whyNotDeployable(event);
        if (ignored != null) {
            return answer(WebhookOutcome.IGNORED, ignored);
        }
        // Registries treat image names as lowercase; GitHub reports the owner as spelt on GitHub (Monynha).
        var repository = (event.namespace() + "/" + event.name()).toLowerCase(Locale.ROOT);
        if ((GHCR_HOST + "/" + repository).length() > MAX_IMAGE_NAME) {
            return answer(WebhookOutcome.BAD_REQUEST, quoted(repository) + " (namespace/name) is longer than the "
                    + MAX_IMAGE_NAME + " characters an image name may have, " + GHCR_HOST + "/ included");
        }
        if (!IMAGE_NAME.matcher(repository).matches()) {
            return answer(WebhookOutcome.BAD_REQUEST, quoted(repository) + " (namespace/name) is not an image name");
        }
        var delivered = event.tag() == null || event.tag().isBlank() ? null : event.tag();
        if (delivered != null && !TAG.matcher(delivered).matches()) {
            return answer(WebhookOutcome.BAD_REQUEST, "tag " + quoted(event.tag()) + " is not an image tag");
        }
        var untagged = "the version of " + quoted(event.name()) + " has no tag (pushed by digest only)";
        if (event.digest() == null || !DIGEST.matcher(event.digest()).matches()) {
            // Without a tag there is nothing to deploy whatever the digest says: not deployable, not malformed.
            if (delivered == null) return answer(WebhookOutcome.IGNORED, untagged);
            return answer(WebhookOutcome.BAD_REQUEST, "digest " + quoted(event.digest()) + " is not sha256:<64 hex>");
        }
        var push = new ImagePush(facts.deliveryId(), Registry.GHCR, GHCR_HOST, repository, delivered,
                event.digest(), event.publishedAt() == null ? now : event.publishedAt(), event.commit());
        var policies = VersionTagChoice.pushPolicies(config, push);
        String note = null;
        if (VersionTagChoice.needsLookup(policies, delivered)) {
            if (event.versionId() == null) {
                if (delivered == null) return answer(WebhookOutcome.IGNORED, untagged + NO_VERSION_ID);
                note = "no environment admits tag " + quoted(delivered) + NO_VERSION_ID;
            } else if (facts.versionTags() == null) {
                return new WebhookDecision.LookUpTags(new PackageVersionRef(event.organizationOwned(),
                        event.namespace(), event.name(), event.versionId()));
            } else {
                switch (facts.versionTags()) {
                    case TagLookup.Found(var tags) -> {
                        var wellFormed = tags.stream().filter(t -> t != null && TAG.matcher(t).matches()).toList();
                        switch (VersionTagChoice.choose(policies, delivered, wellFormed)) {
                            case TagChoice.Chosen(var tag, var explanation) -> {
                                push = push.withTag(tag);
                                note = explanation;
                            }
                            case TagChoice.NoneAdmitted(var explanation) -> {
                                return answer(WebhookOutcome.IGNORED, explanation);
                            }
                        }
                    }
                    case TagLookup.NotConfigured ignoredLookup -> {
                        if (delivered == null) return answer(WebhookOutcome.IGNORED, untagged + NO_TOKEN);
                        note = "no environment admits tag " + quoted(delivered) + NO_TOKEN;
                    }
                    case TagLookup.Failure failure -> {
                        return answer(WebhookOutcome.TAGS_UNAVAILABLE, whyUnavailable(failure, event));
                    }
                }
            }
        } else if (delivered == null) {
            return answer(WebhookOutcome.IGNORED, untagged);
        }
        if (facts.firstSeen() == null) {
            return new WebhookDecision.ClaimDelivery(push);
        }
        if (!facts.firstSeen()) {
            return new WebhookDecision.Answer(new WebhookResponse(WebhookOutcome.DUPLICATE, "delivery "
                    + facts.deliveryId() + " was accepted before; it is not published again", push));
        }
        return new WebhookDecision.Publish(push, note);
    }

    static final String NO_VERSION_ID = "; the delivery carries no package_version.id to look up the version's"
            + " other tags with";
    static final String NO_TOKEN = "; no GitHub token is configured to look up the version's other tags"
            + " (docs/GITHUB-DELIVERIES.md)";

    /** Why GitHub could not tell the tags, and what an operator does about it. Never the token. */
    private static String whyUnavailable(TagLookup.Failure failure, PackageEvent event) {
        var version = "version " + event.versionId() + " of " + quoted(event.name());
        var cause = switch (failure) {
            case TagLookup.NotFound n -> "GitHub's Packages API has no " + version + " the token may read (404)";
            case TagLookup.Unauthorized u -> "GitHub's Packages API refused the token (401): it is invalid, expired"
                    + " or revoked";
            case TagLookup.Forbidden f -> "GitHub's Packages API forbids the token to read " + version + " (403):"
                    + " it needs read:packages and access to the package";
            case TagLookup.RateLimited(var resetAt) -> "GitHub's API rate limit for the token is used up"
                    + (resetAt == null ? "" : " until " + resetAt);
            case TagLookup.Unavailable(var detail) -> "GitHub's Packages API gave no usable answer for " + version
                    + ": " + detail;
        };
        return cause + "; nothing was published: redeliver this delivery once that is fixed";
    }

    /** The answer for a published push. */
    public static WebhookResponse published(WebhookDecision.Publish publish) {
        var push = publish.push();
        return new WebhookResponse(WebhookOutcome.PUBLISHED, "announced " + push.source() + ":" + push.tag()
                + " as Image Pushed" + (publish.note() == null ? "" : " (" + publish.note() + ")"), push);
    }

    private static String whyNotDeployable(PackageEvent p) {
        var type = p.packageType() == null ? "" : p.packageType().toLowerCase(Locale.ROOT);
        if (!CONTAINER_TYPES.contains(type)) {
            return "package " + quoted(p.name()) + " is a " + (type.isEmpty() ? "untyped" : quoted(type))
                    + " package, not a container image";
        }
        if (!PUBLISHING_ACTIONS.contains(p.action())) {
            return "action " + quoted(p.action()) + " does not publish an image version";
        }
        return null;
    }

    /** A value from the payload, in quotes, cut to {@value #MAX_QUOTED} characters with its length said. */
    static String quoted(String value) {
        if (value == null) return "null";
        if (value.length() <= MAX_QUOTED) return "'" + value + "'";
        return "'" + value.substring(0, MAX_QUOTED) + "…' (" + value.length() + " characters)";
    }

    private static WebhookDecision answer(WebhookOutcome outcome, String reason) {
        return new WebhookDecision.Answer(new WebhookResponse(outcome, reason, null));
    }
}
