package dev.shiplane.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplane.core.ecsengine.ServiceDeployments;
import dev.shiplane.core.fakes.ServiceDeploymentsContract;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;

/**
 * The service deployments contract against ECS in the emulator. moto 5.2 has no service deployment APIs; the
 * repository's launcher ({@code scripts/lib/ecs_service_deployments.py}) adds them, starting a deployment when a
 * service on ECS's engine is updated, and its control endpoint is how the test pauses a deployment at a hook (what
 * the sandbox's ECS engine does) and reads back what callers asked ECS.
 */
@ExtendWith(EmulatorExtension.class)
class EcsServiceDeploymentsTest extends ServiceDeploymentsContract {

    static final ObjectMapper JSON = new ObjectMapper();

    private TestAws aws;
    private EcsClient ecs;
    private final List<String> requests = new ArrayList<>();

    @BeforeEach
    void client(TestAws aws) {
        this.aws = aws;
        ecs = aws.ecs();
    }

    @Override
    protected ServiceDeployments deployments() {
        return new EcsServiceDeployments(ecs);
    }

    @Override
    protected void givenService(String cluster, String service) {
        aws.ecsService(cluster, service, service, "monynha/" + service + ":1.0.0");
    }

    @Override
    protected String givenDeploymentStarted(String cluster, String service) {
        ecs.updateService(r -> r.cluster(cluster).service(service).forceNewDeployment(true)
                .deploymentConfiguration(c -> c.strategy(DeploymentStrategy.CANARY)
                        .canaryConfiguration(k -> k.canaryPercent(10.0).canaryBakeTimeInMinutes(5))));
        return ecs.listServiceDeployments(r -> r.cluster(cluster).service(service)
                        .status(ServiceDeploymentStatus.PENDING, ServiceDeploymentStatus.IN_PROGRESS))
                .serviceDeployments().getFirst().serviceDeploymentArn();
    }

    @Override
    protected void givenHookAwaiting(String serviceDeploymentArn, String hookId) {
        for (var record : control("GET", "service-deployments", null)) {
            if (!record.get("serviceDeploymentArn").asText().equals(serviceDeploymentArn)) continue;
            var paused = (ObjectNode) record;
            paused.put("status", "IN_PROGRESS");
            paused.withArray("lifecycleHookDetails").addObject().put("hookId", hookId).put("targetType", "PAUSE")
                    .put("status", "AWAITING_ACTION");
            var document = JSON.createObjectNode();
            document.set("serviceDeployment", paused);
            control("PUT", "service-deployments", document);
            return;
        }
        throw new IllegalStateException("no service deployment " + serviceDeploymentArn);
    }

    @Override
    protected List<String> requests() {
        // The control endpoint hands each request out once.
        for (var request : control("GET", "requests", null)) {
            var arn = request.get("serviceDeploymentArn").asText();
            requests.add(switch (request.get("operation").asText()) {
                case "ContinueServiceDeployment" -> request.get("action").asText().toLowerCase() + " " + arn + " "
                        + request.get("hookId").asText();
                case "StopServiceDeployment" -> "stop " + arn;
                default -> throw new IllegalStateException("unexpected request " + request);
            });
        }
        return List.copyOf(requests);
    }

    private JsonNode control(String method, String operation, JsonNode body) {
        try {
            var request = HttpRequest.newBuilder(URI.create(aws.emulator().endpoint().replaceAll("/+$", "")
                            + "/_shiplane/ecs/" + operation))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build();
            var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + operation + " answered " + response.statusCode() + " "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
