package dev.shiplane.contract.json;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A JSON document as {@link JsonParser} reads it and {@link JsonWriter} writes it. shiplane's functions parse every
 * event and write every detail with these few classes instead of a data-binding library, whose start-up (hundreds
 * of classes, introspection of every record) was the largest part of a function's cold start after the AWS SDK.
 */
public sealed interface JsonValue {

    /** What the value is, as error messages name it: object, array, string, number, boolean or null. */
    String kind();

    /** Members in document order; a repeated name keeps its last value. */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        public JsonObject {
            members = Collections.unmodifiableMap(members);
        }

        /** The member's value, or {@code null} when there is no such member. */
        public JsonValue get(String name) {
            return members.get(name);
        }

        /** Present and not JSON {@code null}. */
        public boolean hasNonNull(String name) {
            var value = members.get(name);
            return value != null && !(value instanceof JsonNull);
        }

        @Override
        public String kind() {
            return "object";
        }

        @Override
        public String toString() {
            return JsonWriter.write(this);
        }
    }

    record JsonArray(List<JsonValue> elements) implements JsonValue {
        public JsonArray {
            elements = List.copyOf(elements);
        }

        @Override
        public String kind() {
            return "array";
        }

        @Override
        public String toString() {
            return JsonWriter.write(this);
        }
    }

    record JsonString(String value) implements JsonValue {
        @Override
        public String kind() {
            return "string";
        }
    }

    /** A number kept as written, converted when it is read as one of Java's types. */
    record JsonNumber(String text) implements JsonValue {

        public BigDecimal decimal() {
            return new BigDecimal(text);
        }

        /** @throws ArithmeticException when it has a fraction or does not fit an {@code int} */
        public int intValueExact() {
            return decimal().intValueExact();
        }

        /** @throws ArithmeticException when it has a fraction or does not fit a {@code long} */
        public long longValueExact() {
            return decimal().longValueExact();
        }

        public static JsonNumber of(long value) {
            return new JsonNumber(Long.toString(value));
        }

        @Override
        public String kind() {
            return "number";
        }
    }

    record JsonBoolean(boolean value) implements JsonValue {
        @Override
        public String kind() {
            return "boolean";
        }
    }

    enum JsonNull implements JsonValue {
        NULL;

        @Override
        public String kind() {
            return "null";
        }
    }
}
