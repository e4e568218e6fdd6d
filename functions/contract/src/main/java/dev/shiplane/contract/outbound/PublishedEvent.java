package dev.shiplane.contract.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplane.contract.MalformedJsonException;
import dev.shiplane.contract.ShiplaneJson;
import dev.shiplane.contract.MalformedEventException;
import dev.shiplane.core.events.DomainEvent;
import java.util.Optional;

/**
 * One of shiplane's own events as a subscriber on the bus receives it: the EventBridge envelope's id and
 * detail-type, and the detail read into its record.
 *
 * @param event empty when the detail-type is not one shiplane publishes (a newer shiplane, another source)
 */
public record PublishedEvent(String eventId, String source, String detailType, Optional<DomainEvent> event) {

    /** @throws MalformedEventException when the envelope lacks its id, source or detail-type, or the detail is bad */
    public static PublishedEvent parse(byte[] body) {
        JsonNode envelope;
        try {
            envelope = ShiplaneJson.tree(body);
        } catch (MalformedJsonException e) {
            throw new MalformedEventException("event is not valid JSON (" + e.getMessage() + ")");
        }
        if (!envelope.isObject()) throw new MalformedEventException("event is not a JSON object");
        var id = text(envelope, "id");
        var source = text(envelope, "source");
        var detailType = text(envelope, "detail-type");
        if (!DomainEvent.SOURCE.equals(source) || !DomainEventJson.publishes(detailType)) {
            return new PublishedEvent(id, source, detailType, Optional.empty());
        }
        var detail = envelope.path("detail");
        if (!detail.isObject()) throw new MalformedEventException("detail: missing");
        try {
            return new PublishedEvent(id, source, detailType, Optional.of(DomainEventJson.read(detailType, detail)));
        } catch (IllegalArgumentException bad) {
            throw new MalformedEventException("detail: " + bad.getMessage());
        }
    }

    private static String text(JsonNode envelope, String name) {
        var value = envelope.path(name);
        if (!value.isTextual() || value.asText().isBlank()) throw new MalformedEventException(name + ": missing");
        return value.asText();
    }
}
