package dev.shiplane.core.webhook;

/**
 * What is known about a delivery so far. Facts that cost something to learn (reading the secret, parsing the body,
 * asking GitHub for the version's tags, claiming the delivery id) are {@code null} until {@link WebhookTriage} asks for them, so an oversize body is never
 * hashed and an unsigned body is never parsed.
 *
 * @param eventName  {@code X-GitHub-Event}, or {@code null}
 * @param deliveryId {@code X-GitHub-Delivery}, or {@code null}
 * @param bodySize   size of the raw body in bytes
 * @param signature  the signature check, or {@code null} before it was made
 * @param payload    the body as read, or {@code null} before it was read
 * @param versionTags what GitHub said the version's tags are, or {@code null} before it was asked
 * @param firstSeen  whether claiming the delivery id succeeded, or {@code null} before the claim
 */
public record WebhookFacts(String eventName, String deliveryId, long bodySize, SignatureVerdict signature,
                           PackagePayload payload, TagLookup versionTags, Boolean firstSeen) {

    public static WebhookFacts received(String eventName, String deliveryId, long bodySize) {
        return new WebhookFacts(eventName, deliveryId, bodySize, null, null, null, null);
    }

    public WebhookFacts withSignature(SignatureVerdict verdict) {
        return new WebhookFacts(eventName, deliveryId, bodySize, verdict, payload, versionTags, firstSeen);
    }

    public WebhookFacts withPayload(PackagePayload read) {
        return new WebhookFacts(eventName, deliveryId, bodySize, signature, read, versionTags, firstSeen);
    }

    public WebhookFacts withVersionTags(TagLookup lookup) {
        return new WebhookFacts(eventName, deliveryId, bodySize, signature, payload, lookup, firstSeen);
    }

    public WebhookFacts withFirstSeen(boolean first) {
        return new WebhookFacts(eventName, deliveryId, bodySize, signature, payload, versionTags, first);
    }
}
