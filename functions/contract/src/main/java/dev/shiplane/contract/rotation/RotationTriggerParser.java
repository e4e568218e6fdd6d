package dev.shiplane.contract.rotation;

import dev.shiplane.contract.MalformedEventException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplane.contract.MalformedJsonException;
import dev.shiplane.contract.ShiplaneJson;
import dev.shiplane.core.events.RotationRequested;
import dev.shiplane.core.rotation.RotationStep;

/**
 * Parses the three inputs of the rotation function: an EventBridge schedule, a {@code Rotation Requested} event and
 * Secrets Manager's rotation request. A malformed input is reported with the field named.
 */
public final class RotationTriggerParser {

    private RotationTriggerParser() {}

    public static RotationTrigger parse(byte[] body) {
        JsonNode root;
        try {
            root = ShiplaneJson.tree(body);
        } catch (MalformedJsonException e) {
            throw new MalformedEventException("input is not valid JSON (" + e.getMessage() + ")");
        }
        if (!root.isObject()) {
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
                    text(root, "ClientRequestToken", ""), step, optional(root, "RotationToken"));
        }
        var source = text(root, "source", "");
        var detailType = text(root, "detail-type", "");
        return switch (source + "|" + detailType) {
            case "aws.events|Scheduled Event" -> {
                var first = root.path("resources").path(0);
                var rule = first.isTextual() ? first.asText() : "";
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
