package dev.shiplane.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    static FunctionUrlRequest parse(byte[] invocation) {
        JsonNode root;
        try {
            root = JSON.readTree(invocation);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invocation is not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("invocation could not be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("requestContext").isObject()) {
            throw new IllegalArgumentException("invocation is not a Function URL request (no requestContext)");
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        root.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
        var text = root.path("body").asText("");
        byte[] body;
        if (root.path("isBase64Encoded").asBoolean(false)) {
            try {
                body = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("body is marked base64 but is not: " + e.getMessage());
            }
        } else {
            body = text.getBytes(StandardCharsets.UTF_8);
        }
        var method = root.path("requestContext").path("http").path("method").asText("").toUpperCase(Locale.ROOT);
        return new FunctionUrlRequest(method, root.path("rawPath").asText("/"), headers, body);
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
