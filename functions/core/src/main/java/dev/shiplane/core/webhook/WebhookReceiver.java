package dev.shiplane.core.webhook;

import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.deploy.PushAnnouncer;
import dev.shiplane.core.events.DeliveryRegistry;
import java.time.Clock;

/**
 * Use case: GitHub delivered a webhook; answer it, and announce the image version it reports as
 * {@code Image Pushed}. {@link WebhookTriage} decides each step; this class only gathers the facts it asks for
 * and carries out the publish.
 */
public final class WebhookReceiver {

    private final WebhookSecrets secrets;
    private final PackageEventReader reader;
    private final ShiplaneConfig config;
    private final PackageVersionTags versionTags;
    private final DeliveryRegistry deliveries;
    private final PushAnnouncer announcer;
    private final Clock clock;
    private final WebhookLimits limits;

    /**
     * @param config      which environments take which images under which tag policies
     * @param versionTags GitHub's Packages API, asked when no environment admits the delivered tag
     */
    public WebhookReceiver(WebhookSecrets secrets, PackageEventReader reader, ShiplaneConfig config,
                           PackageVersionTags versionTags, DeliveryRegistry deliveries, PushAnnouncer announcer,
                           Clock clock, WebhookLimits limits) {
        this.secrets = secrets;
        this.reader = reader;
        this.config = config;
        this.versionTags = versionTags;
        this.deliveries = deliveries;
        this.announcer = announcer;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * @throws RuntimeException when a secret cannot be read or the bus refuses the event: the caller answers
     *                          5xx and GitHub shows the delivery as failed, to be redelivered
     */
    public WebhookResponse receive(WebhookDelivery delivery) {
        var now = clock.instant();
        var facts = WebhookFacts.received(delivery.eventName(), delivery.deliveryId(), delivery.body().length);
        // Each round learns one fact the triage asked for, so this ends after at most five rounds.
        while (true) {
            switch (WebhookTriage.decide(facts, config, limits, now)) {
                case WebhookDecision.Answer answer -> {
                    return answer.response();
                }
                case WebhookDecision.VerifySignature ignored -> facts = facts.withSignature(WebhookSignatures.verify(
                        delivery.signature(), delivery.body(), secrets.signingSecrets()));
                case WebhookDecision.ReadPayload ignored ->
                        facts = facts.withPayload(reader.read(delivery.eventName(), delivery.body()));
                case WebhookDecision.LookUpTags lookUp ->
                        facts = facts.withVersionTags(versionTags.tagsOf(lookUp.version()));
                case WebhookDecision.ClaimDelivery claim -> {
                    boolean first;
                    try {
                        first = deliveries.firstSeen(claim.push().pushId(), now.plus(limits.replayWindow()));
                    } catch (RuntimeException unknown) {
                        // The claim may have been written although its answer was lost (a timeout): unclaim, or
                        // GitHub's redelivery would be answered "duplicate" and the push never announced.
                        throw withdrawn(claim.push().pushId(), unknown);
                    }
                    facts = facts.withFirstSeen(first);
                }
                case WebhookDecision.Publish publish -> {
                    try {
                        announcer.announce(publish.push());
                    } catch (RuntimeException busRefused) {
                        // Unclaim, or GitHub's redelivery of this very delivery would be answered "duplicate" and
                        // the push would never be announced.
                        throw withdrawn(publish.push().pushId(), busRefused);
                    }
                    return WebhookTriage.published(publish);
                }
            }
        }
    }

    /**
     * Withdraws the claim of a delivery that failed, and returns the failure to throw (the caller answers 5xx). A
     * withdrawal that fails too is attached to it: the first failure is what the delivery ran into.
     */
    private RuntimeException withdrawn(String pushId, RuntimeException failure) {
        try {
            deliveries.forget(pushId);
        } catch (RuntimeException forgetFailed) {
            failure.addSuppressed(forgetFailed);
        }
        return failure;
    }
}
