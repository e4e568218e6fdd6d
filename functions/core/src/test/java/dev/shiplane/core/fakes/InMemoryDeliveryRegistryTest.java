package dev.shiplane.core.fakes;

import dev.shiplane.core.events.DeliveryRegistry;

class InMemoryDeliveryRegistryTest extends DeliveryRegistryContract {

    private final InMemoryDeliveryRegistry registry = new InMemoryDeliveryRegistry();

    @Override
    protected DeliveryRegistry registry() {
        return registry;
    }
}
