package dev.shiplane.core.fakes;

import dev.shiplane.core.ports.DeliveryRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** {@link DeliveryRegistry} in memory; proven equal to DynamoDB by {@code DeliveryRegistryContract}. */
public final class InMemoryDeliveryRegistry implements DeliveryRegistry {

    private final Map<String, Instant> claims = new HashMap<>();

    @Override
    public synchronized boolean firstSeen(String deliveryId, Instant expiresAt) {
        return claims.putIfAbsent(deliveryId, expiresAt) == null;
    }

    @Override
    public synchronized void forget(String deliveryId) {
        claims.remove(deliveryId);
    }

    public synchronized Map<String, Instant> claims() {
        return Map.copyOf(claims);
    }
}
