package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.testkit.AwsEmulator;
import dev.shiplane.testkit.TestAws;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * moto never finishes an ECS rollout, so it never emits the {@code ECS Deployment State Change} event AWS sends
 * when one completes (or fails). The sandbox emits it for every deployment shiplane started, with the real ECS
 * deployment id moto assigned, so completion reaches the functions the way it does in AWS: as an event. A story
 * directive can make the next one fail instead, as a circuit breaker would. Deployments of services on ECS's own
 * engine are {@link dev.shiplane.sandbox.ecsengine.EcsNativeController}'s.
 */
final class EcsCompletionBridge {

    record Completion(String cluster, String service, String ecsDeploymentId, boolean completed, byte[] event) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestAws aws;
    private final java.time.Clock clock;
    private final String account;
    private final java.util.Map<String, String> failNext = new java.util.HashMap<>();

    /** @param clock when ECS sends its events: the story's clock, as the functions' */
    EcsCompletionBridge(TestAws aws, java.time.Clock clock) {
        this(aws, clock, AwsEmulator.ACCOUNT);
    }

    /** @param account the account of {@code aws}, where the services and their events are */
    EcsCompletionBridge(TestAws aws, java.time.Clock clock, String account) {
        this.aws = aws;
        this.clock = clock;
        this.account = account;
    }

    /** The next deployment of {@code cluster/service} fails (circuit breaker) instead of completing. */
    void willFail(String cluster, String service, String reason) {
        failNext.put(cluster + "/" + service, reason);
    }

    List<Completion> completionsFor(List<JsonNode> busEvents) {
        List<Completion> completions = new ArrayList<>();
        for (var event : busEvents) {
            if (!"Deployment Started".equals(event.path("detail-type").asText())) continue;
            var detail = event.get("detail");
            var cluster = detail.get("cluster").asText();
            var serviceName = detail.get("ecsService").asText();
            var service = aws.ecs().describeServices(r -> r.cluster(cluster).services(serviceName)).services().getFirst();
            // ECS's own engine (CANARY, LINEAR, BLUE_GREEN) reports its deployments itself: EcsNativeController.
            var configuration = service.deploymentConfiguration();
            if (configuration != null && java.util.List.of("CANARY", "LINEAR", "BLUE_GREEN")
                    .contains(configuration.strategyAsString())) {
                continue;
            }
            var primary = service.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst();
            if (primary.isEmpty()) continue;
            var id = primary.get().id();
            var failure = failNext.remove(cluster + "/" + serviceName);
            var at = clock.instant().toString();
            var ecsEvent = JSON.createObjectNode()
                    .put("version", "0")
                    .put("id", UUID.randomUUID().toString())
                    .put("detail-type", "ECS Deployment State Change")
                    .put("source", "aws.ecs")
                    .put("account", account)
                    .put("time", at)
                    .put("region", AwsEmulator.REGION);
            ecsEvent.putArray("resources").add(service.serviceArn());
            ecsEvent.putObject("detail")
                    .put("eventType", failure == null ? "INFO" : "ERROR")
                    .put("eventName", failure == null ? "SERVICE_DEPLOYMENT_COMPLETED" : "SERVICE_DEPLOYMENT_FAILED")
                    .put("deploymentId", id)
                    .put("updatedAt", at)
                    .put("reason", failure == null ? "ECS deployment " + id + " completed." : failure);
            completions.add(new Completion(cluster, serviceName, id, failure == null,
                    ecsEvent.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return completions;
    }
}
