package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.contract.outbound.DomainEventJson;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.fakes.EventBusContract;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The event bus contract against an EventBridge bus in the emulator, read back through a rule's queue. */
@ExtendWith(EmulatorExtension.class)
class EventBridgeBusTest extends EventBusContract {

    static final ObjectMapper JSON = new ObjectMapper();

    private EventBridgeClient events;
    private BusTap tap;

    @BeforeEach
    void bus(TestAws aws) {
        aws.createBus("shiplane");
        tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        events = aws.build(EventBridgeClient.builder());
    }

    @Override
    protected EventBus bus() {
        return new EventBridgeBus(events, "shiplane");
    }

    @Override
    protected EventBus refusingBus() {
        return new EventBridgeBus(events, "nope");
    }

    @Override
    protected List<DomainEvent> delivered() {
        return tap.drain().stream().map(body -> {
            try {
                return DomainEventJson.read(BusTap.detailType(body), JSON.readTree(body).get("detail"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    @Test
    void envelope_isShiplanesSourceAndTheEventsDetailType() throws Exception {
        bus().publish(SKIPPED);

        assertThat(tap.drain()).singleElement().satisfies(body -> {
            var envelope = JSON.readTree(body);
            assertThat(BusTap.detailType(body)).isEqualTo("Deployment Skipped");
            assertThat(envelope.get("source").asText()).isEqualTo("shiplane");
            assertThat(envelope.get("detail")).isEqualTo(JSON.readTree(DomainEventJson.detail(SKIPPED)));
        });
    }
}
