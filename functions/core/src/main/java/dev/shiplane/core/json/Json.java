package dev.shiplane.core.json;

import java.util.List;
import java.util.Map;

/**
 * Writes the few JSON shapes shiplane writes by hand (objects with insertion-ordered keys, arrays, strings, booleans,
 * numbers): a notification's Block Kit payload, a handler's result, a log line, an embedded-metric-format line. No
 * JSON library: the core stays JDK-only, the exact bytes Slack receives are what the tests assert, and a function
 * logs without loading a JSON library's classes at cold start.
 */
public final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {}

    /**
     * @param value a {@link Map} (use a LinkedHashMap for order), {@link List}, {@link String}, {@link Boolean} or
     *              finite {@link Number}
     */
    public static String write(Object value) {
        var out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    /** {@link #write(Object)} appending to {@code out}. */
    public static void write(Object value, StringBuilder out) {
        switch (value) {
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (var entry : map.entrySet()) {
                    if (!first) out.append(',');
                    first = false;
                    writeString(entry.getKey().toString(), out);
                    out.append(':');
                    write(entry.getValue(), out);
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) out.append(',');
                    write(list.get(i), out);
                }
                out.append(']');
            }
            case Boolean b -> out.append(b);
            case String s -> writeString(s, out);
            case Integer i -> out.append(i.intValue());
            case Long l -> out.append(l.longValue());
            case Number n -> number(n.doubleValue(), out);
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    private static void number(double d, StringBuilder out) {
        // JSON has no NaN or infinity; a metric value that is one is a bug to surface, not a line to corrupt.
        if (!Double.isFinite(d)) throw new IllegalArgumentException("not a JSON number: " + d);
        // Whole values as integers (2820, not 2820.0) while a double still holds them exactly.
        if (d == Math.rint(d) && Math.abs(d) < 0x1p53) out.append((long) d);
        else out.append(d);
    }

    /** {@code s} as a JSON string literal: quoted, with quotes, backslashes and control characters escaped. */
    public static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
