package dev.shiplane.webhook;

import dev.shiplane.core.json.Json;
import dev.shiplane.core.webhook.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The response document a Function URL turns into HTTP: {@code statusCode}, {@code headers}, {@code body}. The body
 * is what GitHub shows under "Recent Deliveries", so it says what happened and why, and nothing secret.
 */
final class FunctionUrlResponse {

    private FunctionUrlResponse() {}

    static byte[] of(WebhookResponse response, String deliveryId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", response.outcome().code());
        body.put("reason", response.reason());
        if (deliveryId != null) body.put("deliveryId", deliveryId);
        if (response.push() != null) body.put("pushId", response.push().pushId());
        return document(response.status(), body);
    }

    static byte[] document(int status, Map<String, Object> body) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("statusCode", status);
        document.put("headers", Map.of("content-type", "application/json"));
        document.put("body", Json.write(body));
        return Json.write(document).getBytes(StandardCharsets.UTF_8);
    }
}
