package dev.shiplane.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplane.contract.ShiplaneJson;
import dev.shiplane.core.ecsengine.HookAnswer;
import dev.shiplane.core.ecsengine.HookInvocation;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ECS's Lambda hook payload in, the hook's answer out, as AWS documents them (events/aws/ecs-lifecycle-hook-*.json
 * and their README).
 */
final class HookPayload {

    private HookPayload() {}

    /** @throws IllegalArgumentException naming the field when the payload is not ECS's */
    static HookInvocation invocation(byte[] payload) {
        var root = ShiplaneJson.tree(payload);
        var executionId = text(root, "executionId", true);
        var stage = text(root, "lifecycleStage", true);
        var details = object(root, "executionDetails");
        return new HookInvocation(executionId, stage, text(root, "resourceArn", false), text(details, "serviceArn", true),
                text(details, "targetServiceRevisionArn", false), weights(details.get("productionTrafficWeights")),
                hookDetails(root.get("hookDetails")));
    }

    /** {@code hookStatus}; with {@code IN_PROGRESS} also when to call again and the progress to hand back. */
    static byte[] answer(HookAnswer answer) {
        ObjectNode out = ShiplaneJson.mapper().createObjectNode();
        out.put("hookStatus", answer.hookStatus());
        if (answer instanceof HookAnswer.InProgress p) {
            out.put("callBackDelay", Math.max(1, p.callBackDelay().toSeconds()));
            var details = out.putObject("hookDetails");
            p.progress().toDetails().forEach(details::put);
        }
        return ShiplaneJson.write(out).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode object(JsonNode node, String field) {
        var value = node.get(field);
        if (value == null || !value.isObject()) throw new IllegalArgumentException(field + ": an object is required");
        return value;
    }

    private static String text(JsonNode node, String field, boolean required) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) throw new IllegalArgumentException(field + " is required");
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + ": a non-empty string is required");
        }
        return value.asText();
    }

    private static Map<String, Integer> weights(JsonNode node) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        if (node == null || node.isNull()) return weights;
        if (!node.isObject()) throw new IllegalArgumentException("productionTrafficWeights: an object is required");
        node.properties().forEach(e -> {
            if (!e.getValue().isNumber()) {
                throw new IllegalArgumentException("productionTrafficWeights." + e.getKey() + ": a number is required");
            }
            weights.put(e.getKey(), (int) Math.round(e.getValue().asDouble()));
        });
        return weights;
    }

    /** Text values as they are; any other value (a hook configuration may carry JSON) as its JSON text. */
    private static Map<String, String> hookDetails(JsonNode node) {
        Map<String, String> details = new LinkedHashMap<>();
        if (node == null || node.isNull()) return details;
        if (!node.isObject()) throw new IllegalArgumentException("hookDetails: an object is required");
        node.properties().forEach(e -> details.put(e.getKey(),
                e.getValue().isTextual() ? e.getValue().asText() : ShiplaneJson.write(e.getValue())));
        return details;
    }
}
