package dev.shiplane.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Standard output captured as Lambda's log agent reads it: one event per line. Restores the console on close.
 * Jackson, not shiplane's writer, parses the lines: the test must not share the code it checks.
 */
public final class StandardOutput implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final PrintStream console = System.out;

    private StandardOutput() {
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    public static StandardOutput capture() {
        return new StandardOutput();
    }

    public String text() {
        System.out.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Every line, each of which must be one whole JSON object. */
    public List<JsonNode> jsonLines() {
        List<JsonNode> lines = new ArrayList<>();
        for (var line : text().lines().toList()) {
            try {
                var node = JSON.readTree(line);
                if (node == null || !node.isObject()) throw new AssertionError("not a JSON object: " + line);
                lines.add(node);
            } catch (IOException e) {
                throw new UncheckedIOException("not one JSON object on one line: " + line, e);
            }
        }
        return lines;
    }

    /** The lines that are embedded-metric-format documents. */
    public List<JsonNode> emfLines() {
        return jsonLines().stream().filter(line -> line.has("_aws")).toList();
    }

    /** The lines that are log events. */
    public List<JsonNode> logLines() {
        return jsonLines().stream().filter(line -> !line.has("_aws")).toList();
    }

    @Override
    public void close() {
        System.setOut(console);
    }
}
