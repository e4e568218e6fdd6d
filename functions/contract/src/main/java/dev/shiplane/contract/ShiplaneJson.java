package dev.shiplane.contract;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * shiplane's one JSON mapper (Jackson), built once: events and their details, the ledger's rollouts, Slack messages
 * and Function URL documents are read and written through it.
 *
 * <p>Writing: record components in their order, {@code null} components left out, instants and durations as
 * ISO-8601 text ({@code 2026-11-26T10:00:00Z}, {@code PT5M}).
 *
 * <p>Reading is strict about types ({@link StrictScalars}, {@link ShapeMismatches}): a number is never taken for a
 * string, a string never for a number or a boolean, instants are ISO-8601 text, enum constants their exact names. It
 * ignores members no component names (publishers add fields over time) and leaves an absent component {@code null},
 * or 0 or {@code false} for a primitive. Every refusal names the member's path ({@code detail.image.digest: …}).
 */
public final class ShiplaneJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // after JavaTimeModule: a later module's deserializers win
            .addModule(StrictScalars.module())
            .addModule(StoredRolloutTypes.module())
            .addHandler(new ShapeMismatches())
            // what is written of a record is its components (its only fields), not whatever else looks like a getter
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .visibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.USE_DEFAULTS))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // StrictScalars replaces the scalar deserializers; these hold for any Jackson still uses
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            // a tree keeps numbers as written (300.000000000 stays that, not a double)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private ShiplaneJson() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** @throws MalformedJsonException when {@code json} is not one well-formed JSON document */
    public static JsonNode tree(byte[] json) {
        try {
            return present(MAPPER.readTree(json));
        } catch (IOException e) {
            throw malformed(e);
        } catch (NumberFormatException e) {
            throw beyondBigDecimal(e);
        }
    }

    /** @throws MalformedJsonException when {@code json} is not one well-formed JSON document */
    public static JsonNode tree(String json) {
        try {
            return present(MAPPER.readTree(json));
        } catch (IOException e) {
            throw malformed(e);
        } catch (NumberFormatException e) {
            throw beyondBigDecimal(e);
        }
    }

    /**
     * @param where how messages name {@code json}: {@code "detail"} gives {@code detail.image.digest: …}; {@code ""}
     *              gives {@code image.digest: …}
     * @throws IllegalArgumentException naming the member that does not fit {@code type}, or what a record's constructor
     *                                  refused
     */
    public static <T> T read(JsonNode json, Class<T> type, String where) {
        return read(json, MAPPER.constructType(type), where);
    }

    /**
     * {@link #read(JsonNode, Class, String)} from text: the whole text is read as JSON first, so a malformed document is
     * refused before anything of it is bound.
     *
     * @throws MalformedJsonException when {@code json} is not one well-formed JSON document
     */
    public static <T> T read(String json, Class<T> type, String where) {
        return read(tree(json), type, where);
    }

    /** {@link #read(String, Class, String)} for a generic type ({@code List<RolloutAction>}). */
    public static <T> T read(String json, TypeReference<T> type, String where) {
        return read(tree(json), MAPPER.getTypeFactory().constructType(type), where);
    }

    private static <T> T read(JsonNode json, JavaType type, String where) {
        // Jackson reads JSON null as a null value; nothing shiplane reads whole may be absent
        if (json == null || json.isNull() || json.isMissingNode()) {
            throw new IllegalArgumentException((where.isEmpty() ? "" : where + ": ") + "expected "
                    + (type.isCollectionLikeType() ? "an array" : "an object") + ", found null");
        }
        try {
            return MAPPER.treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw refused(e, where);
        }
    }

    /** Compact JSON text of a record, a list of them or a tree. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("shiplane's records and trees always serialise: " + e.getOriginalMessage(), e);
        }
    }

    /** {@link #write(Object)} as {@code type} says ({@code List<RolloutAction>}: each with its tag). */
    public static <T> String write(T value, TypeReference<T> type) {
        try {
            return MAPPER.writerFor(type).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("shiplane's records always serialise: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode present(JsonNode node) {
        if (node == null || node.isMissingNode()) throw new MalformedJsonException("no content", 0, 0, null);
        return node;
    }

    /** A number whose exponent no BigDecimal holds ({@code 1e999999999999}): Jackson reports it unwrapped. */
    private static MalformedJsonException beyondBigDecimal(NumberFormatException e) {
        return new MalformedJsonException(e.getMessage(), 0, 0, e);
    }

    private static MalformedJsonException malformed(IOException e) {
        if (!(e instanceof JacksonException jackson)) {
            // Jackson's readers of UTF-16 and UTF-32 (it detects the encoding) report bad bytes as plain IOExceptions
            return new MalformedJsonException(e.getMessage(), 0, 0, e);
        }
        var at = jackson.getLocation(); // none for a stream limit (nesting depth, number and string sizes)
        return new MalformedJsonException(withoutSource(jackson.getOriginalMessage()),
                at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), e);
    }

    /** What Jackson says besides the place, which {@link MalformedJsonException} gives as line and column. */
    private static String withoutSource(String message) {
        return message.replaceAll("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]", "line $1, column $2");
    }

    private static IllegalArgumentException refused(JsonProcessingException e, String where) {
        var path = new StringBuilder(where);
        if (e instanceof JsonMappingException mapping) {
            for (var step : mapping.getPath()) {
                if (!path.isEmpty()) path.append('.');
                path.append(step.getFieldName() != null ? step.getFieldName() : String.valueOf(step.getIndex()));
            }
        }
        var prefix = path.isEmpty() ? "" : path + ": ";
        var cause = e.getCause();
        if (e instanceof ValueInstantiationException
                && (cause instanceof IllegalArgumentException || cause instanceof NullPointerException)) {
            return new IllegalArgumentException(prefix + cause.getMessage(), cause);
        }
        return new IllegalArgumentException(prefix + e.getOriginalMessage(), e);
    }
}
