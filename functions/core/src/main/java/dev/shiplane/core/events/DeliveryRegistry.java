package dev.shiplane.core.events;

import java.time.Instant;

/**
 * Remembers which webhook deliveries were already accepted, so a replayed delivery (GitHub's "Redeliver", a retry,
 * or an attacker resending a captured request, which a signature alone cannot tell apart) is recognised. A claim
 * is an atomic conditional write: of two concurrent claims of one delivery, exactly one wins.
 */
public interface DeliveryRegistry {

    /**
     * Claims {@code deliveryId}.
     *
     * @param expiresAt when the store may forget the delivery (the replay window ends)
     * @return {@code true} for the first claim of this id; {@code false} if it was claimed before and not forgotten
     */
    boolean firstSeen(String deliveryId, Instant expiresAt);

    /**
     * Withdraws a claim whose delivery could not be carried out (the bus refused the event), so a redelivery of it
     * is processed instead of being answered as a duplicate. Forgetting an unknown id does nothing.
     */
    void forget(String deliveryId);
}
