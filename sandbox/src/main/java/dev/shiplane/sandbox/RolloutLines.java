package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Timeline lines for progressive delivery, promotion, verification and rollback events. */
final class RolloutLines {

    private RolloutLines() {}

    static Optional<String> detail(JsonNode e, String target) {
        var d = e.path("detail");
        return Optional.ofNullable(switch (e.path("detail-type").asText()) {
            case "Traffic Shifted" -> target + "step " + d.path("step").asInt() + "/" + d.path("steps").asInt() + ": "
                    + d.path("canaryWeight").asInt() + "% " + d.path("canaryColour").asText() + ", "
                    + d.path("stableWeight").asInt() + "% live";
            case "Deployment Rolled Back" -> target + "(" + d.path("trigger").asText() + ") "
                    + d.path("reason").asText() + " → " + Timeline.revision(d.path("restoredTaskDefinition").asText());
            case "Deployment Aborted" -> target + d.path("reason").asText();
            case "Deployment Verified" -> target + Timeline.revision(d.path("taskDefinition").asText())
                    + " is known-good";
            case "Rollback Failed" -> target + "(" + d.path("trigger").asText() + ") " + d.path("reason").asText();
            case "Health Check Due" -> target + d.path("check").asText() + " (" + d.path("phase").asText() + ") attempt "
                    + d.path("attempt").asInt() + (d.path("phase").asText().equals("pre-traffic")
                    ? " against " + d.path("colour").asText() + " alone" : " against the live service");
            case "Canary Step Due" -> target + "step " + d.path("step").asInt() + " of " + d.path("deploymentId").asText();
            case "Promotion Due" -> d.path("fromEnv").asText() + " → " + d.path("toEnv").asText() + " "
                    + d.path("service").asText() + " " + d.path("image").path("tag").asText("");
            case "Promotion Cleared" -> d.path("fromEnv").asText() + " → " + d.path("toEnv").asText() + " "
                    + d.path("service").asText() + " " + d.path("image").path("tag").asText("") + " ("
                    + Timeline.shortDigest(d.path("image").path("digest").asText()) + "), for "
                    + d.path("toEnv").asText() + "'s account to check and deploy";
            case "Verification Due" -> target + d.path("deploymentId").asText();
            case "Rollout Paused", "Rollout Resumed" -> target + "at " + d.path("canaryWeight").asInt() + "% by "
                    + d.path("requestedBy").asText();
            case "Rollback Requested" -> (d.path("all").asBoolean() ? Timeline.pad(d.path("env").asText() + " (all)", 13)
                    : target) + "by " + d.path("requestedBy").asText() + (d.hasNonNull("reason") ? ": "
                    + d.get("reason").asText() : "");
            case "Promote Requested", "Abort Requested", "Pause Requested", "Resume Requested",
                 "Redeploy Requested" -> target + "by " + d.path("requestedBy").asText()
                    + (d.hasNonNull("reason") ? ": " + d.get("reason").asText() : "");
            case "Request Refused" -> (d.hasNonNull("service") ? target : Timeline.pad(d.path("env").asText(), 13))
                    + d.path("action").asText() + " by " + d.path("requestedBy").asText() + ": " + d.path("why").asText();
            default -> null;
        });
    }
}
