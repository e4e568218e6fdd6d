package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.contract.outbound.DomainEventJson;
import dev.shiplane.core.events.DeploymentSkipped;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

@ExtendWith(EmulatorExtension.class)
class EventBridgeBusTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static final DeploymentSkipped EVENT = new DeploymentSkipped("prod", "web", "d-1", "p-1",
            new ImageRef("ecr", "monynha/web", "latest", "sha256:" + "f".repeat(64), "uri"), "policy", "no",
            Instant.parse("2026-11-26T10:00:00Z"));

    @Test
    void publishedEventReachesRulesOnTheBus(TestAws aws) {
        aws.createBus("shiplane");
        var tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"],\"detail\":{\"reason\":[\"policy\"]}}");

        new EventBridgeBus(aws.build(EventBridgeClient.builder()), "shiplane").publish(EVENT);

        var delivered = tap.drain();
        assertThat(delivered).singleElement().satisfies(body -> {
            var envelope = JSON.readTree(body);
            assertThat(BusTap.detailType(body)).isEqualTo("Deployment Skipped");
            assertThat(envelope.get("source").asText()).isEqualTo("shiplane");
            assertThat(envelope.get("detail")).isEqualTo(JSON.readTree(DomainEventJson.detail(EVENT)));
        });
    }

    @Test
    void missingBusIsAnErrorNotASilentDrop(TestAws aws) {
        assertThatThrownBy(() -> new EventBridgeBus(aws.build(EventBridgeClient.builder()), "nope").publish(EVENT))
                .isInstanceOf(RuntimeException.class);
    }
}
