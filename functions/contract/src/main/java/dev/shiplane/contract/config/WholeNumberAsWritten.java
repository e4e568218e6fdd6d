package dev.shiplane.contract.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * An {@code Integer} of {@code shiplane.yml} is the decimal number written. YAML 1.1, which Jackson's parser follows,
 * reads {@code 010} as octal 8, {@code 0x1F} as 31 and {@code 1_000} as 1000, and Jackson would truncate
 * {@code 2.5} to 2: none of that is what someone writing a port, a size or a percentage means.
 */
final class WholeNumberAsWritten extends StdScalarDeserializer<Integer> {

    WholeNumberAsWritten() {
        super(Integer.class);
    }

    @Override
    public Integer deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.currentToken().isScalarValue()) {
            return (Integer) context.handleUnexpectedToken(Integer.class, parser);
        }
        var text = parser.getText();
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException notWhole) {
            return (Integer) context.handleWeirdStringValue(Integer.class, text, "not a whole number");
        }
    }
}
