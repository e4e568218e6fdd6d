package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.webhook.WebhookSecrets;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WebhookSecrets} must do across a rotation. Run against the in-memory fake (core) and Secrets
 * Manager on the emulator (aws).
 */
public abstract class WebhookSecretsContract {

    protected abstract WebhookSecrets secrets();

    /** Stores {@code value} as the new current secret (the first call creates the secret). */
    protected abstract void rotateTo(String value);

    @Test
    void noSecret_isAConfigurationError_notAnEmptyList() {
        assertThatThrownBy(() -> secrets().signingSecrets()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void newSecret_isTheOnlyValidOne() {
        rotateTo("first");

        assertThat(secrets().signingSecrets()).containsExactly("first");
    }

    @Test
    void afterARotation_currentComesFirst_thenPrevious() {
        rotateTo("first");
        rotateTo("second");

        assertThat(secrets().signingSecrets()).containsExactly("second", "first");
    }

    @Test
    void afterTwoRotations_theOldestIsNoLongerValid() {
        rotateTo("first");
        rotateTo("second");
        rotateTo("third");

        assertThat(secrets().signingSecrets()).containsExactly("third", "second");
    }
}
