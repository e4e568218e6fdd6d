package dev.shiplane.contract.ledger;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.shiplane.contract.outbound.DomainEventJson;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.rollout.Rollout;
import dev.shiplane.core.rollout.RolloutAction;
import java.util.List;

/**
 * How a rollout and its pending actions are stored in the ledger head: JSON, with actions tagged by kind and
 * published events tagged by detail-type, so a pending {@code Publish} survives a crash with its exact event.
 */
public final class RolloutJson {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "action")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = RolloutAction.SetWeights.class, name = "set-weights"),
            @JsonSubTypes.Type(value = RolloutAction.ScaleService.class, name = "scale-service"),
            @JsonSubTypes.Type(value = RolloutAction.ScheduleStep.class, name = "schedule-step"),
            @JsonSubTypes.Type(value = RolloutAction.CancelStep.class, name = "cancel-step"),
            @JsonSubTypes.Type(value = RolloutAction.Publish.class, name = "publish"),
            @JsonSubTypes.Type(value = RolloutAction.ScheduleEvent.class, name = "schedule-event"),
            @JsonSubTypes.Type(value = RolloutAction.RollService.class, name = "roll-service")})
    private interface ActionMixin {}

    /** A published event as {@code {"detailType": ..., "detail": {...}}}. */
    private record StoredEvent(String detailType, com.fasterxml.jackson.databind.JsonNode detail) {}

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule()
                    .addSerializer(DomainEvent.class, new com.fasterxml.jackson.databind.JsonSerializer<>() {
                        @Override
                        public void serialize(DomainEvent event, com.fasterxml.jackson.core.JsonGenerator gen,
                                              com.fasterxml.jackson.databind.SerializerProvider provider)
                                throws java.io.IOException {
                            gen.writeStartObject();
                            gen.writeStringField("detailType", event.detailType());
                            gen.writeFieldName("detail");
                            gen.writeRawValue(DomainEventJson.detail(event));
                            gen.writeEndObject();
                        }
                    })
                    .addDeserializer(DomainEvent.class, new com.fasterxml.jackson.databind.JsonDeserializer<>() {
                        @Override
                        public DomainEvent deserialize(com.fasterxml.jackson.core.JsonParser parser,
                                                       com.fasterxml.jackson.databind.DeserializationContext ctx)
                                throws java.io.IOException {
                            var stored = parser.readValueAs(StoredEvent.class);
                            return DomainEventJson.read(stored.detailType(), stored.detail().toString());
                        }
                    }))
            .addMixIn(RolloutAction.class, ActionMixin.class)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RolloutJson() {}

    public static String write(Rollout rollout) {
        return write((Object) rollout);
    }

    public static String writeActions(List<RolloutAction> actions) {
        try {
            return JSON.writerFor(new TypeReference<List<RolloutAction>>() {}).writeValueAsString(actions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rollout actions are plain records and always serialise", e);
        }
    }

    public static Rollout readRollout(String json) {
        return read(json, new TypeReference<Rollout>() {});
    }

    public static List<RolloutAction> readActions(String json) {
        return read(json, new TypeReference<List<RolloutAction>>() {});
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rollout state is plain records and always serialises", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ledger holds an unreadable rollout: " + e.getOriginalMessage(), e);
        }
    }
}
