package dev.shiplane.contract.ledger;

import dev.shiplane.contract.json.JsonParser;
import dev.shiplane.contract.json.JsonValue;
import dev.shiplane.contract.json.JsonValue.JsonArray;
import dev.shiplane.contract.json.JsonValue.JsonObject;
import dev.shiplane.contract.json.JsonValue.JsonString;
import dev.shiplane.contract.json.JsonWriter;
import dev.shiplane.contract.json.RecordJson;
import dev.shiplane.contract.outbound.DomainEventJson;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.rollout.Rollout;
import dev.shiplane.core.rollout.RolloutAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a rollout and its pending actions are stored in the ledger head: JSON ({@link RecordJson}), with actions tagged
 * by kind ({@code "action": "set-weights"}) and published events as {@code {"detailType": ..., "detail": {...}}}, so a
 * pending {@code Publish} survives a crash with its exact event. Reads what earlier versions wrote (explicit nulls,
 * durations as seconds).
 */
public final class RolloutJson {

    private static final Map<String, Class<? extends RolloutAction>> ACTIONS = new LinkedHashMap<>();
    private static final Map<Class<?>, String> TAGS = new LinkedHashMap<>();

    static {
        tag("set-weights", RolloutAction.SetWeights.class);
        tag("scale-service", RolloutAction.ScaleService.class);
        tag("schedule-step", RolloutAction.ScheduleStep.class);
        tag("cancel-step", RolloutAction.CancelStep.class);
        tag("publish", RolloutAction.Publish.class);
        tag("schedule-event", RolloutAction.ScheduleEvent.class);
        tag("roll-service", RolloutAction.RollService.class);
    }

    private static void tag(String name, Class<? extends RolloutAction> type) {
        ACTIONS.put(name, type);
        TAGS.put(type, name);
    }

    private static final Map<Class<?>, RecordJson.Codec<?>> CODECS = Map.of(DomainEvent.class, new StoredEvent());

    /** A published event with its detail-type, which says which record its detail is. */
    private static final class StoredEvent implements RecordJson.Codec<DomainEvent> {
        @Override
        public JsonValue write(DomainEvent event) {
            var members = new LinkedHashMap<String, JsonValue>();
            members.put("detailType", new JsonString(event.detailType()));
            members.put("detail", DomainEventJson.detailObject(event));
            return new JsonObject(members);
        }

        @Override
        public DomainEvent read(JsonValue json, String path) {
            if (!(json instanceof JsonObject stored) || !(stored.get("detailType") instanceof JsonString detailType)
                    || !(stored.get("detail") instanceof JsonObject detail)) {
                throw new IllegalArgumentException(path + ": expected {\"detailType\": ..., \"detail\": {...}}");
            }
            return DomainEventJson.read(detailType.value(), detail);
        }
    }

    private RolloutJson() {}

    public static String write(Rollout rollout) {
        return JsonWriter.write(RecordJson.write(rollout, CODECS));
    }

    public static String writeActions(List<RolloutAction> actions) {
        var elements = new ArrayList<JsonValue>(actions.size());
        for (var action : actions) {
            var members = new LinkedHashMap<String, JsonValue>();
            members.put("action", new JsonString(TAGS.get(action.getClass())));
            members.putAll(RecordJson.write((Record) action, CODECS).members());
            elements.add(new JsonObject(members));
        }
        return JsonWriter.write(new JsonArray(elements));
    }

    public static Rollout readRollout(String json) {
        try {
            if (!(JsonParser.parse(json) instanceof JsonObject rollout)) throw new IllegalArgumentException("not an object");
            return RecordJson.read(rollout, Rollout.class, "rollout.", CODECS);
        } catch (IllegalArgumentException e) {
            throw unreadable(e);
        }
    }

    public static List<RolloutAction> readActions(String json) {
        try {
            if (!(JsonParser.parse(json) instanceof JsonArray stored)) throw new IllegalArgumentException("not an array");
            List<RolloutAction> actions = new ArrayList<>(stored.elements().size());
            for (int i = 0; i < stored.elements().size(); i++) {
                var path = "pendingActions." + i;
                if (!(stored.elements().get(i) instanceof JsonObject action)) {
                    throw new IllegalArgumentException(path + ": expected an object");
                }
                var tag = action.get("action") instanceof JsonString s ? s.value() : null;
                var type = ACTIONS.get(tag);
                if (type == null) throw new IllegalArgumentException(path + ".action: not one of " + ACTIONS.keySet());
                actions.add((RolloutAction) RecordJson.read(action, type.asSubclass(Record.class), path + ".", CODECS));
            }
            return actions;
        } catch (IllegalArgumentException e) {
            throw unreadable(e);
        }
    }

    private static IllegalStateException unreadable(IllegalArgumentException e) {
        return new IllegalStateException("ledger holds an unreadable rollout: " + e.getMessage(), e);
    }
}
