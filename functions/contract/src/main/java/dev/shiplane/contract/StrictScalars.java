package dev.shiplane.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * The deserializers that keep shiplane's reading strict where Jackson's own coerce: a number is never taken for a
 * string, nor a string for a number or boolean (Jackson takes {@code "2"} for 2 and {@code 5} for "5"); a whole
 * number must fit its type exactly ({@code 2.5} is not 2); an instant is ISO-8601 text only (Jackson's also takes
 * epoch numbers, and digit strings as epochs); a duration is ISO-8601 text or seconds as a number, exact to the
 * nanosecond (Jackson's rounds {@code 1e999999999} to zero); an enum constant is its exact name (Jackson's also takes
 * its index). The messages are the words an event's sender reads: {@code expected a string, found number}.
 */
final class StrictScalars {

    private StrictScalars() {}

    static SimpleModule module() {
        var module = new SimpleModule("shiplane-strict-scalars");
        module.setDeserializers(new ScalarsAndEnums());
        module.addDeserializer(String.class, new Text());
        module.addDeserializer(int.class, new WholeNumber<>(int.class, 0, BigDecimal::intValueExact));
        module.addDeserializer(Integer.class, new WholeNumber<>(Integer.class, null, BigDecimal::intValueExact));
        module.addDeserializer(long.class, new WholeNumber<>(long.class, 0L, BigDecimal::longValueExact));
        module.addDeserializer(Long.class, new WholeNumber<>(Long.class, null, BigDecimal::longValueExact));
        module.addDeserializer(boolean.class, new TrueOrFalse(boolean.class, false));
        module.addDeserializer(Boolean.class, new TrueOrFalse(Boolean.class, null));
        module.addDeserializer(Instant.class, new Iso8601Instant());
        module.addDeserializer(Duration.class, new TextOrSeconds());
        return module;
    }

    /** How messages name what was found: object, array, string, number, boolean or null. */
    static String kind(JsonToken token) {
        if (token == null) return "nothing";
        return switch (token) {
            case START_OBJECT, FIELD_NAME -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /** A value quoted in a message: at most 64 characters of it, so a hostile one cannot fill a log line. */
    static String abbreviated(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }

    private static <T> T mismatch(DeserializationContext ctxt, Class<?> type, String expected, JsonParser p)
            throws IOException {
        return ctxt.reportInputMismatch(type, "expected %s, found %s", expected, kind(p.currentToken()));
    }

    /** Enum constants by exact name, for every enum type (a module names deserializers by exact class otherwise). */
    private static final class ScalarsAndEnums extends SimpleDeserializers {
        @Override
        public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config,
                                                        BeanDescription beanDesc) {
            return new ExactName(type);
        }
    }

    private static final class Text extends StdScalarDeserializer<String> {
        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) return p.getText();
            return mismatch(ctxt, String.class, "a string", p);
        }
    }

    private static final class WholeNumber<T> extends StdScalarDeserializer<T> {
        private final T absent;
        private final java.util.function.Function<BigDecimal, T> exact;

        WholeNumber(Class<T> type, T absent, java.util.function.Function<BigDecimal, T> exact) {
            super(type);
            this.absent = absent;
            this.exact = exact;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            var token = p.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                return mismatch(ctxt, handledType(), "a whole number", p);
            }
            var text = p.getText();
            try {
                // Exact conversion refuses a fraction and an overflow alike, and a huge exponent cheaply (by scale).
                return exact.apply(new BigDecimal(text));
            } catch (ArithmeticException | NumberFormatException notWhole) {
                return ctxt.reportInputMismatch(handledType(), "%s is not a whole number in range",
                        abbreviated(text));
            }
        }

        @Override
        public T getNullValue(DeserializationContext ctxt) {
            return absent;
        }
    }

    private static final class TrueOrFalse extends StdScalarDeserializer<Boolean> {
        private final Boolean absent;

        TrueOrFalse(Class<Boolean> type, Boolean absent) {
            super(type);
            this.absent = absent;
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return switch (p.currentToken()) {
                case VALUE_TRUE -> true;
                case VALUE_FALSE -> false;
                default -> mismatch(ctxt, handledType(), "true or false", p);
            };
        }

        @Override
        public Boolean getNullValue(DeserializationContext ctxt) {
            return absent;
        }
    }

    private static final class Iso8601Instant extends StdScalarDeserializer<Instant> {
        Iso8601Instant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) return mismatch(ctxt, Instant.class, "an ISO-8601 instant", p);
            var text = p.getText();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return ctxt.reportInputMismatch(Instant.class, "'%s' is not an ISO-8601 instant", abbreviated(text));
            }
        }
    }

    /** ISO-8601 ({@code PT5M}), or seconds as a number, as the ledger's rollouts were first written ({@code 300.000000000}). */
    private static final class TextOrSeconds extends StdScalarDeserializer<Duration> {
        TextOrSeconds() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            var token = p.currentToken();
            var text = p.getText();
            try {
                if (token == JsonToken.VALUE_STRING) return Duration.parse(text);
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    return seconds(new BigDecimal(text));
                }
            } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
                var shown = token == JsonToken.VALUE_STRING ? "'" + abbreviated(text) + "'" : abbreviated(text);
                return ctxt.reportInputMismatch(Duration.class, "%s is not a duration", shown);
            }
            return mismatch(ctxt, Duration.class, "a duration", p);
        }

        private static Duration seconds(BigDecimal seconds) {
            // a scale is cheap to read; materialising 1e999999999 digits is not
            if (seconds.precision() - seconds.scale() > 19) throw new ArithmeticException("out of range");
            var whole = seconds.setScale(0, RoundingMode.FLOOR);
            return Duration.ofSeconds(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).intValueExact());
        }
    }

    private static final class ExactName extends StdScalarDeserializer<Object> {
        private final Object[] constants;

        ExactName(Class<?> type) {
            super(type);
            this.constants = type.getEnumConstants();
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) return mismatch(ctxt, handledType(), "a string", p);
            var name = p.getText();
            for (var constant : constants) {
                if (((Enum<?>) constant).name().equals(name)) return constant;
            }
            return ctxt.reportInputMismatch(handledType(), "'%s' is not one of %s", abbreviated(name),
                    Arrays.toString(constants));
        }
    }
}
