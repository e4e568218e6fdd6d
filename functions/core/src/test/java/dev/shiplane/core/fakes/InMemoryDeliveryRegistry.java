package dev.shiplane.core.fakes;

import dev.shiplane.core.events.DeliveryRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** {@link DeliveryRegistry} in memory; proven equal to DynamoDB by {@code DeliveryRegistryContract}. */
public final class InMemoryDeliveryRegistry implements DeliveryRegistry {

    private final Map<String, Instant> claims = new HashMap<>();
    private int answersToLose;

    @Override
    public synchronized boolean firstSeen(String deliveryId, Instant expiresAt) {
        var first = claims.putIfAbsent(deliveryId, expiresAt) == null;
        if (answersToLose > 0) {
            answersToLose--;
            throw new IllegalStateException("the claim's answer was lost (injected)");
        }
        return first;
    }

    /** The next {@code n} claims take effect, then fail, as a write whose answer timed out. */
    public synchronized void loseNextAnswers(int n) {
        answersToLose = n;
    }

    @Override
    public synchronized void forget(String deliveryId) {
        claims.remove(deliveryId);
    }

    public synchronized Map<String, Instant> claims() {
        return Map.copyOf(claims);
    }
}
