package dev.shiplane.core.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Keeps the signing secrets for a short while, so a burst of deliveries costs one secret read, while a rotated
 * secret is picked up within {@code ttl}. Shared across invocations of a warm Lambda instance.
 */
public final class CachedWebhookSecrets implements WebhookSecrets {

    private final WebhookSecrets source;
    private final Duration ttl;
    private final Clock clock;
    private List<String> cached;
    private Instant fetchedAt;

    public CachedWebhookSecrets(WebhookSecrets source, Duration ttl, Clock clock) {
        this.source = source;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public synchronized List<String> signingSecrets() {
        var now = clock.instant();
        if (cached == null || !now.isBefore(fetchedAt.plus(ttl))) {
            cached = List.copyOf(source.signingSecrets());
            fetchedAt = now;
        }
        return cached;
    }
}
