package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.testkit.AwsEmulator;
import dev.shiplane.testkit.TestAws;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * moto never finishes an ECS rollout, so it never emits the {@code ECS Deployment State Change} event AWS sends
 * when one completes. The sandbox emits it for every deployment shiplane started, with the real ECS deployment id
 * moto assigned, so completion reaches the functions the way it does in AWS: as an event.
 */
final class EcsCompletionBridge {

    record Completion(String cluster, String service, String ecsDeploymentId, byte[] event) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestAws aws;

    EcsCompletionBridge(TestAws aws) {
        this.aws = aws;
    }

    List<Completion> completionsFor(List<JsonNode> busEvents) {
        List<Completion> completions = new ArrayList<>();
        for (var event : busEvents) {
            if (!"Deployment Started".equals(event.path("detail-type").asText())) continue;
            var detail = event.get("detail");
            var cluster = detail.get("cluster").asText();
            var serviceName = detail.get("ecsService").asText();
            var service = aws.ecs().describeServices(r -> r.cluster(cluster).services(serviceName)).services().getFirst();
            var primary = service.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst();
            if (primary.isEmpty()) continue;
            var id = primary.get().id();
            var ecsEvent = JSON.createObjectNode()
                    .put("version", "0")
                    .put("id", UUID.randomUUID().toString())
                    .put("detail-type", "ECS Deployment State Change")
                    .put("source", "aws.ecs")
                    .put("account", AwsEmulator.ACCOUNT)
                    .put("time", Instant.now().toString())
                    .put("region", AwsEmulator.REGION);
            ecsEvent.putArray("resources").add(service.serviceArn());
            ecsEvent.putObject("detail")
                    .put("eventType", "INFO")
                    .put("eventName", "SERVICE_DEPLOYMENT_COMPLETED")
                    .put("deploymentId", id)
                    .put("updatedAt", Instant.now().toString())
                    .put("reason", "ECS deployment " + id + " completed.");
            completions.add(new Completion(cluster, serviceName, id,
                    ecsEvent.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return completions;
    }
}
