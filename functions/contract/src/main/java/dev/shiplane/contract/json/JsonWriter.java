package dev.shiplane.contract.json;

import dev.shiplane.contract.json.JsonValue.JsonArray;
import dev.shiplane.contract.json.JsonValue.JsonBoolean;
import dev.shiplane.contract.json.JsonValue.JsonNull;
import dev.shiplane.contract.json.JsonValue.JsonNumber;
import dev.shiplane.contract.json.JsonValue.JsonObject;
import dev.shiplane.contract.json.JsonValue.JsonString;
import dev.shiplane.core.json.Json;

/** Compact JSON text of a {@link JsonValue}: no whitespace, members in their order, strings escaped as {@link Json} does. */
public final class JsonWriter {

    private JsonWriter() {}

    public static String write(JsonValue value) {
        var out = new StringBuilder(256);
        write(value, out);
        return out.toString();
    }

    private static void write(JsonValue value, StringBuilder out) {
        switch (value) {
            case JsonObject object -> {
                out.append('{');
                boolean first = true;
                for (var member : object.members().entrySet()) {
                    if (!first) out.append(',');
                    first = false;
                    Json.writeString(member.getKey(), out);
                    out.append(':');
                    write(member.getValue(), out);
                }
                out.append('}');
            }
            case JsonArray array -> {
                out.append('[');
                for (int i = 0; i < array.elements().size(); i++) {
                    if (i > 0) out.append(',');
                    write(array.elements().get(i), out);
                }
                out.append(']');
            }
            case JsonString string -> Json.writeString(string.value(), out);
            case JsonNumber number -> out.append(number.text());
            case JsonBoolean bool -> out.append(bool.value());
            case JsonNull ignored -> out.append("null");
        }
    }
}
