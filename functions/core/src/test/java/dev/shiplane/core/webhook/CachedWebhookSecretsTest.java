package dev.shiplane.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.fakes.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachedWebhookSecretsTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    int reads;
    List<String> stored = List.of("one");
    final CachedWebhookSecrets secrets = new CachedWebhookSecrets(() -> {
        reads++;
        return stored;
    }, Duration.ofSeconds(60), clock);

    @Test
    void burstOfDeliveries_readsTheSecretOnce() {
        secrets.signingSecrets();
        clock.advance(Duration.ofSeconds(59));
        secrets.signingSecrets();

        assertThat(reads).isEqualTo(1);
    }

    @Test
    void rotatedSecret_isSeenOnceTheCacheExpires() {
        secrets.signingSecrets();
        stored = List.of("two", "one");

        assertThat(secrets.signingSecrets()).containsExactly("one");
        clock.advance(Duration.ofSeconds(60));
        assertThat(secrets.signingSecrets()).containsExactly("two", "one");
        assertThat(reads).isEqualTo(2);
    }
}
