package dev.shiplane.core.fakes;

import dev.shiplane.core.webhook.WebhookSecrets;
import java.util.ArrayList;
import java.util.List;

/** {@link WebhookSecrets} in memory; proven equal to Secrets Manager by {@code WebhookSecretsContract}. */
public final class InMemoryWebhookSecrets implements WebhookSecrets {

    private final List<String> versions = new ArrayList<>();

    /** Makes {@code value} the current secret; the one before becomes the previous. */
    public synchronized void rotateTo(String value) {
        versions.addFirst(value);
    }

    @Override
    public synchronized List<String> signingSecrets() {
        if (versions.isEmpty()) {
            throw new IllegalStateException("webhook secret does not exist");
        }
        return List.copyOf(versions.subList(0, Math.min(2, versions.size())));
    }
}
