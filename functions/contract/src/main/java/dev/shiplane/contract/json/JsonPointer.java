package dev.shiplane.contract.json;

import dev.shiplane.contract.json.JsonValue.JsonArray;
import dev.shiplane.contract.json.JsonValue.JsonObject;

/** RFC 6901 pointers ({@code /items/0/status}, {@code ~1} for a slash and {@code ~0} for a tilde in a name). */
public final class JsonPointer {

    private JsonPointer() {}

    /**
     * The value {@code pointer} names in {@code document}, or {@code null} when there is none.
     *
     * @throws IllegalArgumentException when {@code pointer} is neither empty nor starts with {@code /}
     */
    public static JsonValue find(JsonValue document, String pointer) {
        if (pointer.isEmpty()) return document;
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException("a JSON pointer starts with '/': " + pointer);
        }
        var current = document;
        for (var token : pointer.substring(1).split("/", -1)) {
            var name = token.replace("~1", "/").replace("~0", "~");
            current = switch (current) {
                case JsonObject object -> object.get(name);
                case JsonArray array -> element(array, name);
                default -> null;
            };
            if (current == null) return null;
        }
        return current;
    }

    private static JsonValue element(JsonArray array, String index) {
        // RFC 6901: an index is 0 or digits without a leading zero
        if (!index.matches("0|[1-9][0-9]{0,8}")) return null;
        int i = Integer.parseInt(index);
        return i < array.elements().size() ? array.elements().get(i) : null;
    }
}
