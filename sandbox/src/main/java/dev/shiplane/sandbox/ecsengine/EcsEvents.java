package dev.shiplane.sandbox.ecsengine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplane.testkit.AwsEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The EventBridge events ECS sends about a service deployment. {@code ECS Deployment State Change} carries what AWS
 * documents for service deployment events (eventType, eventName, deploymentId — the service's {@code ecs-svc/…}
 * deployment —, updatedAt, reason). For {@code ECS Hook State Change} AWS documents the detail-type and the event name
 * HOOK_AWAITING_ACTION; the other fields are those of the paused hook's {@code lifecycleHookDetails} entry and of its
 * deployment, which a caller of ContinueServiceDeployment needs.
 */
final class EcsEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EcsEvents() {}

    static byte[] deploymentStateChange(String serviceArn, String ecsDeploymentId, String eventName, String reason,
                                        Instant at) {
        var event = envelope("ECS Deployment State Change", serviceArn, at);
        event.putObject("detail")
                .put("eventType", eventName.endsWith("FAILED") ? "ERROR" : "INFO")
                .put("eventName", eventName)
                .put("deploymentId", ecsDeploymentId)
                .put("updatedAt", at.toString())
                .put("reason", reason);
        return bytes(event);
    }

    static byte[] hookAwaitingAction(EngineRun run, String hookId, String stage, Instant expiresAt, String timeoutAction,
                                     Instant at) {
        var event = envelope("ECS Hook State Change", run.serviceArn(), at);
        event.putObject("detail")
                .put("eventType", "INFO")
                .put("eventName", "HOOK_AWAITING_ACTION")
                .put("serviceDeploymentArn", run.arn())
                .put("serviceArn", run.serviceArn())
                .put("clusterArn", run.record.path("clusterArn").asText())
                .put("targetServiceRevisionArn", run.targetRevision())
                .put("hookId", hookId)
                .put("hookType", "PAUSE")
                .put("lifecycleStage", stage)
                .put("status", "AWAITING_ACTION")
                .put("expiresAt", expiresAt.toString())
                .put("timeoutAction", timeoutAction)
                .put("updatedAt", at.toString());
        return bytes(event);
    }

    private static ObjectNode envelope(String detailType, String serviceArn, Instant at) {
        var event = JSON.createObjectNode()
                .put("version", "0")
                .put("id", UUID.randomUUID().toString())
                .put("detail-type", detailType)
                .put("source", "aws.ecs")
                .put("account", serviceArn.split(":").length > 4 ? serviceArn.split(":")[4] : AwsEmulator.ACCOUNT)
                .put("time", at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                .put("region", AwsEmulator.REGION);
        event.putArray("resources").add(serviceArn);
        return event;
    }

    private static byte[] bytes(ObjectNode event) {
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }
}
