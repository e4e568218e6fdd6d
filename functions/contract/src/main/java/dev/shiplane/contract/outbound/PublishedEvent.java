package dev.shiplane.contract.outbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.contract.inbound.MalformedEventException;
import dev.shiplane.core.events.DomainEvent;
import java.io.IOException;
import java.util.Optional;

/**
 * One of shiplane's own events as a subscriber on the bus receives it: the EventBridge envelope's id and
 * detail-type, and the detail read into its record.
 *
 * @param event empty when the detail-type is not one shiplane publishes (a newer shiplane, another source)
 */
public record PublishedEvent(String eventId, String source, String detailType, Optional<DomainEvent> event) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws MalformedEventException when the envelope lacks its id, source or detail-type, or the detail is bad */
    public static PublishedEvent parse(byte[] body) {
        try {
            var root = JSON.readTree(body);
            if (root == null || !root.isObject()) throw new MalformedEventException("event is not a JSON object");
            var id = text(root.path("id"), "id");
            var source = text(root.path("source"), "source");
            var detailType = text(root.path("detail-type"), "detail-type");
            if (!DomainEvent.SOURCE.equals(source) || !DomainEventJson.publishes(detailType)) {
                return new PublishedEvent(id, source, detailType, Optional.empty());
            }
            if (!root.path("detail").isObject()) throw new MalformedEventException("detail: missing");
            try {
                return new PublishedEvent(id, source, detailType,
                        Optional.of(DomainEventJson.read(detailType, root.get("detail").toString())));
            } catch (IllegalArgumentException bad) {
                throw new MalformedEventException("detail: " + bad.getMessage());
            }
        } catch (IOException e) {
            throw new MalformedEventException("event is not valid JSON (" + e.getMessage() + ")");
        }
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode node, String name) {
        if (!node.isTextual() || node.asText().isBlank()) throw new MalformedEventException(name + ": missing");
        return node.asText();
    }
}
