package dev.shiplane.core.webhook;

import dev.shiplane.core.deploy.PushAnnouncer;
import dev.shiplane.core.ports.DeliveryRegistry;
import dev.shiplane.core.ports.WebhookSecrets;
import java.time.Clock;

/**
 * Use case: GitHub delivered a webhook; answer it, and announce the image version it reports as
 * {@code Image Pushed}. {@link WebhookTriage} decides each step; this class only gathers the facts it asks for
 * and carries out the publish.
 */
public final class WebhookReceiver {

    private final WebhookSecrets secrets;
    private final PackageEventReader reader;
    private final DeliveryRegistry deliveries;
    private final PushAnnouncer announcer;
    private final Clock clock;
    private final WebhookLimits limits;

    public WebhookReceiver(WebhookSecrets secrets, PackageEventReader reader, DeliveryRegistry deliveries,
                           PushAnnouncer announcer, Clock clock, WebhookLimits limits) {
        this.secrets = secrets;
        this.reader = reader;
        this.deliveries = deliveries;
        this.announcer = announcer;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * @throws RuntimeException when the secret cannot be read or the bus refuses the event: the caller answers
     *                          5xx and GitHub shows the delivery as failed, to be redelivered
     */
    public WebhookResponse receive(WebhookDelivery delivery) {
        var now = clock.instant();
        var facts = WebhookFacts.received(delivery.eventName(), delivery.deliveryId(), delivery.body().length);
        // Each round learns one fact the triage asked for, so this ends after at most four rounds.
        while (true) {
            switch (WebhookTriage.decide(facts, limits, now)) {
                case WebhookDecision.Answer answer -> {
                    return answer.response();
                }
                case WebhookDecision.VerifySignature ignored -> facts = facts.withSignature(WebhookSignatures.verify(
                        delivery.signature(), delivery.body(), secrets.signingSecrets()));
                case WebhookDecision.ReadPayload ignored ->
                        facts = facts.withPayload(reader.read(delivery.eventName(), delivery.body()));
                case WebhookDecision.ClaimDelivery claim -> facts = facts.withFirstSeen(
                        deliveries.firstSeen(claim.push().pushId(), now.plus(limits.replayWindow())));
                case WebhookDecision.Publish publish -> {
                    try {
                        announcer.announce(publish.push());
                    } catch (RuntimeException busRefused) {
                        // Unclaim, or GitHub's redelivery of this very delivery would be answered "duplicate" and
                        // the push would never be announced.
                        deliveries.forget(publish.push().pushId());
                        throw busRefused;
                    }
                    return WebhookTriage.published(publish.push());
                }
            }
        }
    }
}
