package dev.shiplane.contract.rotation;

import dev.shiplane.contract.inbound.MalformedEventException;
import dev.shiplane.contract.json.JsonParser;
import dev.shiplane.contract.json.JsonSyntaxException;
import dev.shiplane.contract.json.JsonValue;
import dev.shiplane.contract.json.JsonValue.JsonArray;
import dev.shiplane.contract.json.JsonValue.JsonObject;
import dev.shiplane.contract.json.JsonValue.JsonString;
import dev.shiplane.core.events.RotationRequested;
import dev.shiplane.core.rotation.RotationStep;

/**
 * Parses the three inputs of the rotation function: an EventBridge schedule, a {@code Rotation Requested} event and
 * Secrets Manager's rotation request. A malformed input is reported with the field named.
 */
public final class RotationTriggerParser {

    private RotationTriggerParser() {}

    public static RotationTrigger parse(byte[] body) {
        JsonValue parsed;
        try {
            parsed = JsonParser.parse(body);
        } catch (JsonSyntaxException e) {
            throw new MalformedEventException("input is not valid JSON (" + e.getMessage() + ")");
        }
        if (!(parsed instanceof JsonObject root)) {
            throw new MalformedEventException("input is not a JSON object");
        }
        if (root.get("Step") != null || root.get("SecretId") != null) {
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
                var rule = root.get("resources") instanceof JsonArray resources && !resources.elements().isEmpty()
                        && resources.elements().getFirst() instanceof JsonString first ? first.value() : "";
                yield new RotationTrigger.Scheduled(text(root, "id", ""), rule.substring(rule.lastIndexOf('/') + 1));
            }
            case "shiplane|" + RotationRequested.DETAIL_TYPE -> {
                if (!(root.get("detail") instanceof JsonObject detail)) throw new MalformedEventException("detail: missing");
                yield new RotationTrigger.Requested(text(root, "id", ""), text(detail, "secret", "detail."),
                        text(detail, "requestId", "detail."), optional(detail, "requestedBy"));
            }
            default -> new RotationTrigger.Unsupported(source, detailType);
        };
    }

    private static String text(JsonObject node, String field, String path) {
        if (!(node.get(field) instanceof JsonString value) || value.value().isBlank()) {
            throw new MalformedEventException(path + field + ": missing");
        }
        return value.value();
    }

    private static String optional(JsonObject node, String field) {
        return node.get(field) instanceof JsonString value ? value.value() : null;
    }
}
