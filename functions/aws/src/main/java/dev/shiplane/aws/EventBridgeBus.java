package dev.shiplane.aws;

import dev.shiplane.contract.outbound.DomainEventJson;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.EventBus;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** {@link EventBus} on an EventBridge custom bus. */
public final class EventBridgeBus implements EventBus {

    private final EventBridgeClient events;
    private final String busName;

    public EventBridgeBus(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    @Override
    public void publish(DomainEvent event) {
        var response = events.putEvents(r -> r.entries(e -> e
                .eventBusName(busName)
                .source(DomainEvent.SOURCE)
                .detailType(event.detailType())
                .detail(DomainEventJson.detail(event))));
        // PutEvents reports per-entry failures in a 200 response; treating them as success would lose the event.
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            var entry = response.entries().getFirst();
            throw new IllegalStateException("bus " + busName + " refused '" + event.detailType() + "': "
                    + entry.errorCode() + " " + entry.errorMessage());
        }
    }
}
