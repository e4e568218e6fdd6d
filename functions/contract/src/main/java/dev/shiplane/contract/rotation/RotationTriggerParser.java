package dev.shiplane.contract.rotation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.contract.inbound.MalformedEventException;
import dev.shiplane.core.events.RotationRequested;
import dev.shiplane.core.rotation.RotationStep;
import java.io.IOException;

/**
 * Parses the three inputs of the rotation function: an EventBridge schedule, a {@code Rotation Requested} event and
 * Secrets Manager's rotation request. A malformed input is reported with the field named.
 */
public final class RotationTriggerParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RotationTriggerParser() {}

    public static RotationTrigger parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("input is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new MalformedEventException("input could not be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("input is not a JSON object");
        }
        if (root.has("Step") || root.has("SecretId")) {
            var step = text(root, "Step", "");
            try {
                RotationStep.fromCode(step);
            } catch (IllegalArgumentException e) {
                throw new MalformedEventException("Step: " + e.getMessage());
            }
            return new RotationTrigger.SecretsManagerStep(text(root, "SecretId", ""),
                    text(root, "ClientRequestToken", ""), step);
        }
        var source = text(root, "source", "");
        var detailType = text(root, "detail-type", "");
        return switch (source + "|" + detailType) {
            case "aws.events|Scheduled Event" -> {
                var resources = root.path("resources");
                var rule = resources.isArray() && !resources.isEmpty() ? resources.get(0).asText() : "";
                yield new RotationTrigger.Scheduled(text(root, "id", ""), rule.substring(rule.lastIndexOf('/') + 1));
            }
            case "shiplane|" + RotationRequested.DETAIL_TYPE -> {
                var detail = root.path("detail");
                if (!detail.isObject()) throw new MalformedEventException("detail: missing");
                yield new RotationTrigger.Requested(text(root, "id", ""), text(detail, "secret", "detail."),
                        text(detail, "requestId", "detail."), optional(detail, "requestedBy"));
            }
            default -> new RotationTrigger.Unsupported(source, detailType);
        };
    }

    private static String text(JsonNode node, String field, String path) {
        var value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException(path + field + ": missing");
        }
        return value.asText();
    }

    private static String optional(JsonNode node, String field) {
        var value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
