package dev.shiplane.contract.json;

import dev.shiplane.contract.json.JsonValue.JsonArray;
import dev.shiplane.contract.json.JsonValue.JsonBoolean;
import dev.shiplane.contract.json.JsonValue.JsonNull;
import dev.shiplane.contract.json.JsonValue.JsonNumber;
import dev.shiplane.contract.json.JsonValue.JsonObject;
import dev.shiplane.contract.json.JsonValue.JsonString;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * Reads one JSON document (RFC 8259) strictly: UTF-8 only, nothing but whitespace after the value, nesting at most
 * {@value #MAX_DEPTH} deep and numbers at most {@value #MAX_NUMBER_LENGTH} characters (the limits that keep hostile
 * input from costing a stack overflow or unbounded arithmetic). Every error names the line and column.
 */
public final class JsonParser {

    public static final int MAX_DEPTH = 1000;
    public static final int MAX_NUMBER_LENGTH = 1000;

    private final String text;
    private int at;

    private JsonParser(String text) {
        this.text = text;
    }

    /** @throws JsonSyntaxException when {@code utf8} is not one well-formed JSON document in UTF-8 */
    public static JsonValue parse(byte[] utf8) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new JsonSyntaxException("not UTF-8 text");
        }
        return parse(text);
    }

    /** @throws JsonSyntaxException when {@code text} is not one well-formed JSON document */
    public static JsonValue parse(String text) {
        var parser = new JsonParser(text);
        parser.skipWhitespace();
        if (parser.at == text.length()) throw new JsonSyntaxException("no content");
        var value = parser.value(0);
        parser.skipWhitespace();
        if (parser.at < text.length()) throw parser.error("unexpected content after the document");
        return value;
    }

    private JsonValue value(int depth) {
        if (at >= text.length()) throw error("unexpected end of input");
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> new JsonString(string());
            case 't' -> literal("true", new JsonBoolean(true));
            case 'f' -> literal("false", new JsonBoolean(false));
            case 'n' -> literal("null", JsonNull.NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw error("unexpected character " + describe(c));
            }
        };
    }

    private JsonObject object(int depth) {
        checkDepth(depth);
        at++; // {
        var members = new LinkedHashMap<String, JsonValue>();
        skipWhitespace();
        if (peek() == '}') {
            at++;
            return new JsonObject(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') throw error("expected a member name in double quotes");
            var name = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            members.put(name, value(depth));
            skipWhitespace();
            char c = next("',' or '}'");
            if (c == '}') return new JsonObject(members);
            if (c != ',') throw errorBefore("expected ',' or '}' but found " + describe(c));
        }
    }

    private JsonArray array(int depth) {
        checkDepth(depth);
        at++; // [
        var elements = new ArrayList<JsonValue>();
        skipWhitespace();
        if (peek() == ']') {
            at++;
            return new JsonArray(elements);
        }
        while (true) {
            skipWhitespace();
            elements.add(value(depth));
            skipWhitespace();
            char c = next("',' or ']'");
            if (c == ']') return new JsonArray(elements);
            if (c != ',') throw errorBefore("expected ',' or ']' but found " + describe(c));
        }
    }

    private String string() {
        at++; // opening quote
        var out = new StringBuilder();
        while (true) {
            if (at >= text.length()) throw error("unterminated string");
            char c = text.charAt(at++);
            if (c == '"') return out.toString();
            if (c < 0x20) throw errorBefore("control character " + describe(c) + " in a string");
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = next("an escape");
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> throw errorBefore("invalid escape \\" + escaped);
            }
        }
    }

    private char unicodeEscape() {
        if (at + 4 > text.length()) throw error("unterminated \\u escape");
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(at), 16);
            if (digit < 0) throw error("invalid \\u escape");
            code = code * 16 + digit;
            at++;
        }
        return (char) code;
    }

    private JsonNumber number() {
        int start = at;
        if (peek() == '-') at++;
        if (peek() == '0') {
            at++;
        } else if (!digits()) {
            throw error("expected a digit");
        }
        if (peek() == '.') {
            at++;
            if (!digits()) throw error("expected a digit after the decimal point");
        }
        if (peek() == 'e' || peek() == 'E') {
            at++;
            if (peek() == '+' || peek() == '-') at++;
            if (!digits()) throw error("expected a digit in the exponent");
        }
        if (at - start > MAX_NUMBER_LENGTH) {
            throw syntax("a number longer than " + MAX_NUMBER_LENGTH + " characters", start);
        }
        return new JsonNumber(text.substring(start, at));
    }

    private boolean digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') at++;
        return at > start;
    }

    private JsonValue literal(String word, JsonValue value) {
        if (!text.startsWith(word, at)) throw error("unexpected character " + describe(text.charAt(at)));
        at += word.length();
        return value;
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH + " levels");
    }

    private void expect(char c) {
        char found = next("'" + c + "'");
        if (found != c) throw errorBefore("expected '" + c + "' but found " + describe(found));
    }

    private char next(String expected) {
        if (at >= text.length()) throw error("unexpected end of input, expected " + expected);
        return text.charAt(at++);
    }

    /** The next character, or {@code 0} at the end (never a valid character at any place it is compared). */
    private char peek() {
        return at < text.length() ? text.charAt(at) : 0;
    }

    private void skipWhitespace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            at++;
        }
    }

    private JsonSyntaxException error(String message) {
        return syntax(message, at);
    }

    /** An error about the character just consumed. */
    private JsonSyntaxException errorBefore(String message) {
        return syntax(message, at - 1);
    }

    private JsonSyntaxException syntax(String message, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new JsonSyntaxException(message, line, column);
    }

    private static String describe(char c) {
        return c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }
}
