package dev.shiplane.core.webhook;

import dev.shiplane.core.image.ImagePush;
import java.util.Objects;

/**
 * The answer to one delivery.
 *
 * @param outcome what happened, and so the HTTP status
 * @param reason  one sentence for the person reading GitHub's "Recent Deliveries" page; never contains the secret,
 *                the signature or the body
 * @param push    the push announced ({@link WebhookOutcome#PUBLISHED}) or recognised again
 *                ({@link WebhookOutcome#DUPLICATE}); {@code null} otherwise
 */
public record WebhookResponse(WebhookOutcome outcome, String reason, ImagePush push) {

    public WebhookResponse {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
    }

    public int status() {
        return outcome.status();
    }
}
