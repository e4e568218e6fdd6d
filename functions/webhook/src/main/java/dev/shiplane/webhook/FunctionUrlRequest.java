package dev.shiplane.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplane.contract.MalformedJsonException;
import dev.shiplane.contract.ShiplaneJson;
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
        JsonNode root;
        try {
            root = ShiplaneJson.tree(invocation);
        } catch (MalformedJsonException e) {
            throw new IllegalArgumentException("invocation is not JSON (" + e.getMessage() + ")");
        }
        if (!root.path("requestContext").isObject()) {
            throw new IllegalArgumentException("invocation is not a Function URL request (no requestContext)");
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        root.path("headers").properties().forEach(header -> {
            if (header.getValue().isTextual()) headers.put(header.getKey(), header.getValue().asText());
        });
        var text = string(root, "body", "");
        byte[] body;
        if (base64Encoded(root.path("isBase64Encoded"))) {
            try {
                body = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("body is marked base64 but is not: " + e.getMessage());
            }
        } else {
            body = text.getBytes(StandardCharsets.UTF_8);
        }
        var method = string(root.path("requestContext").path("http"), "method", "").toUpperCase(Locale.ROOT);
        return new FunctionUrlRequest(method, string(root, "rawPath", "/"), headers, body);
    }

    /** Function URLs send a boolean; the text {@code "true"} is taken too, as it always has been. */
    private static boolean base64Encoded(JsonNode flag) {
        return flag.isBoolean() ? flag.booleanValue() : flag.isTextual() && flag.asText().strip().equals("true");
    }

    private static String string(JsonNode node, String field, String fallback) {
        var value = node.path(field);
        return value.isTextual() ? value.asText() : fallback;
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
