package dev.shiplane.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplane.contract.ShiplaneJson;
import dev.shiplane.core.webhook.WebhookOutcome;
import dev.shiplane.core.webhook.WebhookResponse;
import java.nio.charset.StandardCharsets;

/**
 * The response document a Function URL turns into HTTP: {@code statusCode}, {@code headers}, {@code body}. The body
 * is what GitHub shows under "Recent Deliveries", so it says what happened and why, and nothing secret.
 */
final class FunctionUrlResponse {

    private FunctionUrlResponse() {}

    static byte[] of(WebhookResponse response, String deliveryId) {
        var body = body(response.outcome(), response.reason());
        if (deliveryId != null) body.put("deliveryId", deliveryId);
        if (response.push() != null) body.put("pushId", response.push().pushId());
        return document(response.status(), body);
    }

    /** The answer to an invocation that is not an HTTP request at all. */
    static byte[] badRequest(String reason) {
        return document(400, body(WebhookOutcome.BAD_REQUEST, reason));
    }

    private static ObjectNode body(WebhookOutcome outcome, String reason) {
        return ShiplaneJson.mapper().createObjectNode().put("outcome", outcome.code()).put("reason", reason);
    }

    private static byte[] document(int status, ObjectNode body) {
        var document = ShiplaneJson.mapper().createObjectNode().put("statusCode", status);
        document.putObject("headers").put("content-type", "application/json");
        document.put("body", ShiplaneJson.write(body));
        return ShiplaneJson.write(document).getBytes(StandardCharsets.UTF_8);
    }
}
