package dev.shiplane.contract.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplane.contract.DetailTypes;
import dev.shiplane.contract.MalformedJsonException;
import dev.shiplane.contract.ShiplaneJson;
import dev.shiplane.core.events.DomainEvent;

/**
 * The JSON form of a domain event's {@code detail}: the record's components as camelCase members, ISO-8601 instants,
 * absent instead of null ({@link ShiplaneJson}). Reading ignores members a record does not have, so a subscriber
 * keeps reading events a newer shiplane enriched.
 */
public final class DomainEventJson {

    private DomainEventJson() {}

    public static String detail(DomainEvent event) {
        return ShiplaneJson.write(event);
    }

    /** Whether {@code detailType} is one of shiplane's own events. */
    public static boolean publishes(String detailType) {
        return DetailTypes.recordOf(detailType) != null;
    }

    /** Reads a detail back into its record (subscribers, the sandbox and round-trip tests use this). */
    public static DomainEvent read(String detailType, String detailJson) {
        JsonNode detail;
        try {
            detail = ShiplaneJson.tree(detailJson);
        } catch (MalformedJsonException e) {
            throw new IllegalArgumentException("detail is not a valid '" + detailType + "': " + e.getMessage(), e);
        }
        return read(detailType, detail);
    }

    /** @throws IllegalArgumentException naming the member that does not fit the detail-type's record */
    public static DomainEvent read(String detailType, JsonNode detail) {
        var type = DetailTypes.recordOf(detailType);
        if (type == null) {
            throw new IllegalArgumentException("unknown shiplane detail-type '" + detailType + "'");
        }
        try {
            return ShiplaneJson.read(detail, type, "");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("detail is not a valid '" + detailType + "': " + e.getMessage(), e);
        }
    }
}
