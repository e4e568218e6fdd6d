package dev.shiplane.core.webhook;

import dev.shiplane.core.image.ImagePush;

/**
 * The next step for a delivery, as data: either the answer, or the one fact {@link WebhookTriage} needs before it
 * can answer, or the push to publish. {@link WebhookReceiver} carries the steps out.
 */
public sealed interface WebhookDecision {

    /** Done: answer with this. */
    record Answer(WebhookResponse response) implements WebhookDecision {}

    /** Check the signature against the valid secrets. */
    record VerifySignature() implements WebhookDecision {}

    /** Read the (now authenticated) body. */
    record ReadPayload() implements WebhookDecision {}

    /** Ask GitHub which tags {@code version} carries: no environment admits the tag the delivery reported. */
    record LookUpTags(PackageVersionRef version) implements WebhookDecision {}

    /** Claim the delivery id: the delivery would publish {@code push} if it is seen for the first time. */
    record ClaimDelivery(ImagePush push) implements WebhookDecision {}

    /**
     * Put {@code push} on the bus as {@code Image Pushed}, then answer {@link WebhookOutcome#PUBLISHED}.
     *
     * @param note how the tag was found, for the answer ({@code delivered as 'latest'; GitHub reports …}), or
     *             {@code null} when it is the delivered tag and nothing more needs saying
     */
    record Publish(ImagePush push, String note) implements WebhookDecision {}
}
