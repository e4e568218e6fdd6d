package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The timeline's words for the rotation's inputs and events. */
final class RotationLines {

    private RotationLines() {}

    static Optional<String> input(JsonNode e) {
        if ("aws.events".equals(e.path("source").asText()) && "Scheduled Event".equals(e.path("detail-type").asText())) {
            var rule = e.path("resources").path(0).asText();
            return Optional.of("EventBridge schedule " + rule.substring(rule.lastIndexOf('/') + 1) + " fires ("
                    + e.path("time").asText() + ")");
        }
        return Optional.empty();
    }

    static Optional<String> detail(JsonNode e) {
        var d = e.path("detail");
        return switch (e.path("detail-type").asText()) {
            case "Secret Rotated" -> Optional.of(d.path("secretName").asText() + " (" + d.path("type").asText()
                    + ") → version " + shortId(d.path("versionId").asText()) + ", consumers " + strings(d.path("consumers")));
            case "Rotation Failed" -> Optional.of(d.path("secretName").asText() + " at " + d.path("step").asText() + ": "
                    + d.path("reason").asText());
            case "Rotation Requested" -> Optional.of(d.path("secret").asText() + " by " + d.path("requestedBy").asText());
            case "Redeploy Requested" -> Optional.of(Timeline.pad(d.path("env").asText() + "/"
                    + d.path("service").asText(), 13) + "by " + d.path("requestedBy").asText());
            default -> Optional.empty();
        };
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) + "…" : id;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
