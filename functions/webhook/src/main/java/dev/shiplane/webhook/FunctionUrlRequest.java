package dev.shiplane.webhook;

import dev.shiplane.contract.json.JsonParser;
import dev.shiplane.contract.json.JsonSyntaxException;
import dev.shiplane.contract.json.JsonValue;
import dev.shiplane.contract.json.JsonValue.JsonBoolean;
import dev.shiplane.contract.json.JsonValue.JsonObject;
import dev.shiplane.contract.json.JsonValue.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP request a Lambda Function URL hands the function (payload format 2.0): method, path, headers and the
 * body. Function URLs deliver header names in lower case and base64-encode bodies they do not consider text, so
 * headers are looked up ignoring case and {@link #body()} is always the raw bytes the sender signed.
 */
record FunctionUrlRequest(String method, String rawPath, Map<String, String> headers, byte[] body) {

    static FunctionUrlRequest parse(byte[] invocation) {
        JsonValue parsed;
        try {
            parsed = JsonParser.parse(invocation);
        } catch (JsonSyntaxException e) {
            throw new IllegalArgumentException("invocation is not JSON (" + e.getMessage() + ")");
        }
        if (!(parsed instanceof JsonObject root) || !(root.get("requestContext") instanceof JsonObject context)) {
            throw new IllegalArgumentException("invocation is not a Function URL request (no requestContext)");
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (root.get("headers") instanceof JsonObject given) {
            given.members().forEach((name, value) -> {
                if (value instanceof JsonString text) headers.put(name, text.value());
            });
        }
        var text = string(root, "body", "");
        byte[] body;
        if (base64Encoded(root.get("isBase64Encoded"))) {
            try {
                body = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("body is marked base64 but is not: " + e.getMessage());
            }
        } else {
            body = text.getBytes(StandardCharsets.UTF_8);
        }
        var http = context.get("http") instanceof JsonObject h ? h : new JsonObject(Map.of());
        var method = string(http, "method", "").toUpperCase(Locale.ROOT);
        return new FunctionUrlRequest(method, string(root, "rawPath", "/"), headers, body);
    }

    /** Function URLs send a boolean; the text {@code "true"} is taken too, as it always has been. */
    private static boolean base64Encoded(JsonValue flag) {
        return flag instanceof JsonBoolean b ? b.value() : flag instanceof JsonString s && s.value().strip().equals("true");
    }

    private static String string(JsonObject node, String field, String fallback) {
        return node.get(field) instanceof JsonString value ? value.value() : fallback;
    }

    /** The header's value whatever the case of its name, or {@code null}. */
    String header(String name) {
        return headers.get(name);
    }

    @Override
    public String toString() {
        return "FunctionUrlRequest[" + method + " " + rawPath + ", " + body.length + " body bytes]";
    }
}
