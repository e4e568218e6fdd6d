package dev.shiplane.contract;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.canary.RolloutAction;
import java.io.IOException;

/**
 * The polymorphic types of a rollout as the ledger stores them (core's records carry no annotations, so these are
 * mix-ins): an action is tagged by kind ({@code "action": "set-weights"}), and the event an action publishes or
 * schedules is {@code {"detailType": ..., "detail": {...}}}, so a pending {@code Publish} survives a crash with its
 * exact event. The tags and the event form are what rollouts already stored hold; they never change.
 */
final class StoredRolloutTypes {

    private StoredRolloutTypes() {}

    static SimpleModule module() {
        var module = new SimpleModule("shiplane-stored-rollout-types");
        module.setMixInAnnotation(RolloutAction.class, TaggedAction.class);
        module.setMixInAnnotation(RolloutAction.Publish.class, CarriesStoredEvent.class);
        module.setMixInAnnotation(RolloutAction.ScheduleEvent.class, CarriesStoredEvent.class);
        return module;
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "action")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = RolloutAction.SetWeights.class, name = "set-weights"),
            @JsonSubTypes.Type(value = RolloutAction.ScaleService.class, name = "scale-service"),
            @JsonSubTypes.Type(value = RolloutAction.ScheduleStep.class, name = "schedule-step"),
            @JsonSubTypes.Type(value = RolloutAction.CancelStep.class, name = "cancel-step"),
            @JsonSubTypes.Type(value = RolloutAction.Publish.class, name = "publish"),
            @JsonSubTypes.Type(value = RolloutAction.ScheduleEvent.class, name = "schedule-event"),
            @JsonSubTypes.Type(value = RolloutAction.RollService.class, name = "roll-service")})
    private interface TaggedAction {}

    /** The {@code event} component of {@code Publish} and {@code ScheduleEvent}. */
    private abstract static class CarriesStoredEvent {
        @JsonSerialize(using = StoredEventWriter.class)
        @JsonDeserialize(using = StoredEventReader.class)
        DomainEvent event;
    }

    static final class StoredEventWriter extends StdSerializer<DomainEvent> {
        StoredEventWriter() {
            super(DomainEvent.class);
        }

        @Override
        public void serialize(DomainEvent event, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("detailType", event.detailType());
            provider.defaultSerializeField("detail", event, gen);
            gen.writeEndObject();
        }
    }

    static final class StoredEventReader extends StdDeserializer<DomainEvent> {
        StoredEventReader() {
            super(DomainEvent.class);
        }

        @Override
        public DomainEvent deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode stored = ctxt.readTree(p);
            var detailType = stored.path("detailType");
            var detail = stored.path("detail");
            if (!detailType.isTextual() || !detail.isObject()) {
                return ctxt.reportInputMismatch(DomainEvent.class, "expected {\"detailType\": ..., \"detail\": {...}}");
            }
            var type = DetailTypes.recordOf(detailType.asText());
            if (type == null) {
                return ctxt.reportInputMismatch(DomainEvent.class, "'%s' is not a shiplane detail-type",
                        StrictScalars.abbreviated(detailType.asText()));
            }
            try {
                return ctxt.readTreeAsValue(detail, type);
            } catch (JsonMappingException e) {
                throw JsonMappingException.wrapWithPath(e, stored, "detail");
            }
        }
    }
}
