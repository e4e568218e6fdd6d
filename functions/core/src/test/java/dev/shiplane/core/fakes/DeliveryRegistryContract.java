package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.events.DeliveryRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeliveryRegistry} must do. Run against the in-memory fake (core) and DynamoDB on the emulator
 * (aws), so webhook tests built on the fake say something true about production. That concurrent claims have one
 * winner is DynamoDB's guarantee for conditional writes, which moto's threaded server does not give (it does not
 * serialize them); the fake's own test holds it to that guarantee, the contract holds the adapter to a conditional
 * write.
 */
public abstract class DeliveryRegistryContract {

    protected abstract DeliveryRegistry registry();

    static final Instant EXPIRES = Instant.parse("2026-12-26T10:00:00Z");
    static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

    @Test
    void firstClaimWins_secondIsADuplicate() {
        assertThat(registry().firstSeen(DELIVERY, EXPIRES)).isTrue();
        assertThat(registry().firstSeen(DELIVERY, EXPIRES)).isFalse();
    }

    @Test
    void deliveriesAreIndependent() {
        assertThat(registry().firstSeen(DELIVERY, EXPIRES)).isTrue();
        assertThat(registry().firstSeen("a9c9b7f0-cc78-11e3-81ab-4c9367dc0958", EXPIRES)).isTrue();
    }

    @Test
    void forgottenDelivery_canBeClaimedAgain() {
        registry().firstSeen(DELIVERY, EXPIRES);

        registry().forget(DELIVERY);

        assertThat(registry().firstSeen(DELIVERY, EXPIRES)).isTrue();
    }

    @Test
    void forgettingAnUnknownDelivery_doesNothing() {
        registry().forget("never-seen");

        assertThat(registry().firstSeen("never-seen", EXPIRES)).isTrue();
    }
}
