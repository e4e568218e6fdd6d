package dev.shiplane.contract.json;

import dev.shiplane.contract.json.JsonValue.JsonArray;
import dev.shiplane.contract.json.JsonValue.JsonBoolean;
import dev.shiplane.contract.json.JsonValue.JsonNull;
import dev.shiplane.contract.json.JsonValue.JsonNumber;
import dev.shiplane.contract.json.JsonValue.JsonObject;
import dev.shiplane.contract.json.JsonValue.JsonString;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records as JSON objects, by their components: a member per component under the component's name, absent when
 * the value is {@code null}; instants and durations as ISO-8601 text, enums by name, numbers and booleans as
 * themselves, nested records as objects, lists as arrays. Reading is the reverse and strict about types (a number is
 * never taken for a string), ignores members no component names (publishers add fields over time), and leaves an
 * absent component {@code null}, or zero or {@code false} for a primitive. Errors name the member's path.
 *
 * <p>A component of another type (an interface whose implementations are told apart by a tag, say) needs a
 * {@link Codec} for its declared type; any other type without one is a programming error, reported as such.
 */
public final class RecordJson {

    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    /** How values of one declared component type are written and read. */
    public interface Codec<T> {
        JsonValue write(T value);

        /** @throws IllegalArgumentException naming {@code path} when {@code json} is not a valid value */
        T read(JsonValue json, String path);
    }

    private RecordJson() {}

    public static JsonObject write(Record value) {
        return write(value, Map.of());
    }

    /** @param codecs by declared component type (a list's element type included) */
    public static JsonObject write(Record value, Map<Class<?>, Codec<?>> codecs) {
        var shape = shape(value.getClass());
        var members = new LinkedHashMap<String, JsonValue>();
        for (var component : shape.components()) {
            Object v;
            try {
                v = component.getAccessor().invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + shape.type().getSimpleName() + "."
                        + component.getName(), e);
            }
            if (v != null) members.put(component.getName(), toJson(v, component.getGenericType(), codecs));
        }
        return new JsonObject(members);
    }

    /**
     * @param path how error messages name {@code object} ({@code ""} at the top, else ending with a dot)
     * @throws IllegalArgumentException naming the member whose value does not fit its component, or what the
     *                                  record's constructor refused
     */
    public static <R extends Record> R read(JsonObject object, Class<R> type, String path) {
        return read(object, type, path, Map.of());
    }

    /** {@link #read(JsonObject, Class, String)} with {@code codecs} by declared component type. */
    public static <R extends Record> R read(JsonObject object, Class<R> type, String path,
                                            Map<Class<?>, Codec<?>> codecs) {
        var shape = shape(type);
        var args = new Object[shape.components().length];
        for (int i = 0; i < args.length; i++) {
            var component = shape.components()[i];
            var value = object.get(component.getName());
            args[i] = value == null || value instanceof JsonNull
                    ? absent(component.getType())
                    : fromJson(value, component.getGenericType(), path + component.getName(), codecs);
        }
        try {
            return type.cast(shape.constructor().newInstance(args));
        } catch (InvocationTargetException e) {
            var cause = e.getCause();
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                throw new IllegalArgumentException(cause.getMessage(), cause);
            }
            throw new IllegalStateException("cannot build " + type.getSimpleName(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static JsonValue toJson(Object v, Type declared, Map<Class<?>, Codec<?>> codecs) {
        var codec = (Codec<Object>) codecs.get(raw(declared));
        if (codec != null) return codec.write(v);
        return switch (v) {
            case String s -> new JsonString(s);
            case Instant instant -> new JsonString(instant.toString());
            case Duration duration -> new JsonString(duration.toString());
            case Enum<?> e -> new JsonString(e.name());
            case Integer i -> JsonNumber.of(i);
            case Long l -> JsonNumber.of(l);
            case Boolean b -> new JsonBoolean(b);
            case Record r -> write(r, codecs);
            case List<?> list -> {
                var elementType = declared instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
                var elements = new ArrayList<JsonValue>(list.size());
                for (var element : list) {
                    elements.add(element == null ? JsonNull.NULL : toJson(element, elementType, codecs));
                }
                yield new JsonArray(elements);
            }
            default -> throw new IllegalStateException("no JSON form for " + v.getClass().getName());
        };
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : type instanceof Class<?> c ? c : Object.class;
    }

    private static Object fromJson(JsonValue value, Type type, String path, Map<Class<?>, Codec<?>> codecs) {
        var codec = codecs.get(raw(type));
        if (codec != null) return codec.read(value, path);
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            if (!(value instanceof JsonArray array)) throw mismatch(path, "an array", value);
            var elementType = list.getActualTypeArguments()[0];
            var elements = new ArrayList<>(array.elements().size());
            for (int i = 0; i < array.elements().size(); i++) {
                var element = array.elements().get(i);
                elements.add(element instanceof JsonNull ? null
                        : fromJson(element, elementType, path + "." + i, codecs));
            }
            return java.util.Collections.unmodifiableList(elements);
        }
        var raw = (Class<?>) type;
        if (raw == String.class) {
            if (value instanceof JsonString s) return s.value();
            throw mismatch(path, "a string", value);
        }
        if (raw == Instant.class) {
            if (!(value instanceof JsonString s)) throw mismatch(path, "an ISO-8601 instant", value);
            try {
                return Instant.parse(s.value());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(path + ": '" + abbreviated(s.value()) + "' is not an ISO-8601 instant");
            }
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            if (!(value instanceof JsonNumber n)) throw mismatch(path, "a whole number", value);
            try {
                return raw == int.class || raw == Integer.class ? (Object) n.intValueExact() : (Object) n.longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException(path + ": " + abbreviated(n.text()) + " is not a whole number in range");
            }
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (value instanceof JsonBoolean b) return b.value();
            throw mismatch(path, "true or false", value);
        }
        if (raw == Duration.class) return duration(value, path);
        if (raw.isEnum()) {
            if (!(value instanceof JsonString s)) throw mismatch(path, "a string", value);
            for (var constant : raw.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(s.value())) return constant;
            }
            throw new IllegalArgumentException(path + ": '" + abbreviated(s.value()) + "' is not one of "
                    + java.util.Arrays.toString(raw.getEnumConstants()));
        }
        if (raw.isRecord()) {
            if (!(value instanceof JsonObject object)) throw mismatch(path, "an object", value);
            return read(object, raw.asSubclass(Record.class), path + ".", codecs);
        }
        throw new IllegalStateException("no JSON form for " + type.getTypeName());
    }

    /** ISO-8601 ({@code PT5M}), or seconds as a number, as the ledger's rollouts were first written ({@code 300.000000000}). */
    private static Duration duration(JsonValue value, String path) {
        try {
            if (value instanceof JsonString s) return Duration.parse(s.value());
            if (value instanceof JsonNumber n) {
                var seconds = n.decimal();
                // a scale is cheap to read; materialising 1e999999999 digits is not
                if (seconds.precision() - seconds.scale() > 19) throw new ArithmeticException("out of range");
                var whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
                return Duration.ofSeconds(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).intValueExact());
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(path + ": " + abbreviated(JsonWriter.write(value)) + " is not a duration");
        }
        throw mismatch(path, "a duration", value);
    }

    private static Object absent(Class<?> type) {
        if (type == int.class) return 0;
        if (type == long.class) return 0L;
        if (type == boolean.class) return false;
        return null;
    }

    private static IllegalArgumentException mismatch(String path, String expected, JsonValue found) {
        return new IllegalArgumentException(path + ": expected " + expected + ", found " + found.kind());
    }

    private static String abbreviated(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }

    private static Shape shape(Class<?> type) {
        return SHAPES.computeIfAbsent(type, t -> {
            if (!t.isRecord()) throw new IllegalStateException(t.getName() + " is not a record");
            var components = t.getRecordComponents();
            var types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) types[i] = components[i].getType();
            try {
                return new Shape(t, components, t.getDeclaredConstructor(types));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(t.getName() + " has no canonical constructor", e);
            }
        });
    }

    private record Shape(Class<?> type, RecordComponent[] components, Constructor<?> constructor) {}
}
