package dev.shiplane.core.webhook;

import java.util.List;

/**
 * The secrets a webhook sender (GitHub) may currently be signing deliveries with. Usually one; two while the secret
 * is being rotated, because the sender and shiplane cannot switch at the same instant.
 */
public interface WebhookSecrets {

    /**
     * The valid signing secrets, the current one first, then the previous one if there is one. Never empty: a
     * webhook without a secret is a configuration error, thrown as such, never an open door.
     *
     * @throws IllegalStateException when no current secret exists
     */
    List<String> signingSecrets();
}
