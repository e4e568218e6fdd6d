package dev.shiplane.contract.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * What Jackson refused in {@code shiplane.yml}, said the way the config's other problems are: its line, its path
 * ({@code line 7: services.web.steps[1]: …}) and what was expected there, in the file's words rather than Java types.
 */
final class BindingProblem {

    /** Reads the file again for the line of an unknown key: no binding, no strictness needed. */
    private static final YAMLFactory KEY_FINDER = new YAMLFactory();

    private BindingProblem() {}

    static String describe(JacksonException e, String yaml) {
        var syntax = causeOf(e, MarkedYAMLException.class);
        if (syntax != null && syntax.getProblemMark() != null) {
            // SnakeYAML's mark is where the problem is; Jackson's location is the last token it read before it.
            return "line " + (syntax.getProblemMark().getLine() + 1) + ": " + syntax.getProblem();
        }
        var read = causeOf(e, StreamReadException.class);
        if (read != null) return streamProblem(read);
        if (!(e instanceof JsonMappingException mapping)) return line(e) + e.getOriginalMessage();
        var path = path(mapping.getPath());
        return switch (mapping) {
            case UnrecognizedPropertyException unknown -> lineOfKey(yaml, path, e) + "unknown key '" + path
                    + "' (known: " + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                            .collect(Collectors.joining(", ")) + ")";
            case MismatchedInputException mismatch -> line(e) + at(path) + ": expected "
                    + expected(mismatch.getTargetType()) + found(mismatch.getProcessor());
            default -> line(e) + at(path) + ": " + e.getOriginalMessage();
        };
    }

    /** A problem of the text itself, found while reading it: its path is where the parser stood. */
    private static String streamProblem(StreamReadException e) {
        var path = e.getProcessor() == null ? "" : path(e.getProcessor().getParsingContext());
        // Jackson's duplicate detection has no exception type of its own, only this message.
        if (e.getOriginalMessage().startsWith("Duplicate field")) return line(e) + "duplicate key '" + path + "'";
        return line(e) + at(path) + ": " + e.getOriginalMessage();
    }

    private static String expected(Class<?> type) {
        if (type == null) return "another value";
        if (type == Integer.class) return "a whole number";
        if (type == Boolean.class) return "true or false";
        if (type == String.class) return "a single value";
        if (Collection.class.isAssignableFrom(type)) return "a list";
        if (Map.class.isAssignableFrom(type) || type.isRecord()) return "a mapping of keys to values";
        return type.getSimpleName();
    }

    /** The value the parser stands on when a deserializer refuses it. */
    private static String found(Object processor) {
        if (!(processor instanceof JsonParser parser) || parser.currentToken() == null) return "";
        var token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) return ", found a mapping";
        if (token == JsonToken.START_ARRAY) return ", found a list";
        try {
            return token.isScalarValue() ? ", found '" + parser.getText() + "'" : "";
        } catch (IOException unreadable) {
            return "";
        }
    }

    /**
     * Jackson reports a record's unknown key once it has read the whole record (it buffers what it cannot bind yet),
     * so where the parser stands then is the record's end; the key's own line is found by reading to it.
     */
    private static String lineOfKey(String yaml, String path, JacksonException e) {
        try (var parser = KEY_FINDER.createParser(yaml)) {
            for (var token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && path(parser.getParsingContext()).equals(path)) {
                    return "line " + parser.currentTokenLocation().getLineNr() + ": ";
                }
            }
        } catch (IOException unreadable) {
            // it was read once already; the line Jackson gave will do
        }
        return line(e);
    }

    private static String line(JacksonException e) {
        var location = e.getLocation();
        return location == null || location.getLineNr() < 1 ? "" : "line " + location.getLineNr() + ": ";
    }

    private static String at(String path) {
        return path.isEmpty() ? "(top level)" : path;
    }

    private static String path(List<JsonMappingException.Reference> references) {
        List<Object> segments = new ArrayList<>();
        for (var reference : references) {
            if (reference.getFieldName() != null) segments.add(reference.getFieldName());
            else if (reference.getIndex() >= 0) segments.add(reference.getIndex());
        }
        return dotted(segments);
    }

    private static String path(JsonStreamContext context) {
        List<Object> segments = new ArrayList<>();
        for (var c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) segments.addFirst(c.getCurrentName());
            if (c.inArray() && c.getCurrentIndex() >= 0) segments.addFirst(c.getCurrentIndex());
        }
        return dotted(segments);
    }

    /** {@code services.web.steps[1]}: keys joined by dots, list positions in brackets. */
    private static String dotted(List<Object> segments) {
        var path = new StringBuilder();
        for (var segment : segments) {
            if (segment instanceof Integer index) path.append('[').append(index).append(']');
            else path.append(path.isEmpty() ? "" : ".").append(segment);
        }
        return path.toString();
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (var t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }
}
