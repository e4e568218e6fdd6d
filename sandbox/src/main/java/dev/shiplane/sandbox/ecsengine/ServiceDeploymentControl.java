package dev.shiplane.sandbox.ecsengine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The moto launcher's control endpoint for service deployments ({@code scripts/lib/ecs_service_deployments.py}):
 * outside AWS's API, it is how ECS's engine played by the sandbox reads the deployments UpdateService started and the
 * Continue/Stop requests callers made, and writes each deployment's progress for DescribeServiceDeployments to answer.
 */
public final class ServiceDeploymentControl {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/_shiplane/ecs/";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String endpoint;
    /** The account whose deployments this control sees; {@code null}: every account's. */
    private final String account;
    /** Requests read for the controls of other accounts, kept for them: the endpoint hands each out once. */
    private final java.util.Map<String, List<JsonNode>> unclaimed;

    /** @param endpoint the emulator's endpoint (the launcher, or a gateway passing requests through to it) */
    public ServiceDeploymentControl(String endpoint) {
        this(endpoint, null, new java.util.HashMap<>());
    }

    private ServiceDeploymentControl(String endpoint, String account, java.util.Map<String, List<JsonNode>> unclaimed) {
        this.endpoint = endpoint.replaceAll("/+$", "");
        this.account = account;
        this.unclaimed = unclaimed;
    }

    /**
     * The deployments of services in {@code account} only, as ECS runs each account's own: one engine per account
     * shares the endpoint through such views.
     */
    public ServiceDeploymentControl forAccount(String account) {
        return new ServiceDeploymentControl(endpoint, account, unclaimed);
    }

    /** Every service deployment record (of this control's account), as DescribeServiceDeployments would return it. */
    List<ObjectNode> deployments() {
        List<ObjectNode> records = new ArrayList<>();
        send("GET", "service-deployments", null).forEach(r -> {
            if (mine(r)) records.add((ObjectNode) r);
        });
        return records;
    }

    /** The ContinueServiceDeployment and StopServiceDeployment requests made since the last call, oldest first. */
    List<JsonNode> requests() {
        synchronized (unclaimed) {
            send("GET", "requests", null).forEach(r -> unclaimed.computeIfAbsent(accountOf(r), a -> new ArrayList<>())
                    .add(r));
            if (account == null) {
                List<JsonNode> all = new ArrayList<>();
                unclaimed.values().forEach(all::addAll);
                unclaimed.clear();
                return all;
            }
            var mine = unclaimed.remove(account);
            return mine == null ? new ArrayList<>() : mine;
        }
    }

    private boolean mine(JsonNode record) {
        return account == null || account.equals(accountOf(record));
    }

    /** The account in a record's or request's service deployment ARN (arn:aws:ecs:region:account:…). */
    private static String accountOf(JsonNode node) {
        var parts = node.path("serviceDeploymentArn").asText().split(":");
        return parts.length > 4 ? parts[4] : "";
    }

    /** Stores a deployment's new state. */
    void write(ObjectNode serviceDeployment) {
        var document = JSON.createObjectNode();
        document.set("serviceDeployment", serviceDeployment);
        send("PUT", "service-deployments", document);
    }

    private JsonNode send(String method, String operation, JsonNode body) {
        try {
            var request = HttpRequest.newBuilder(URI.create(endpoint + PREFIX + operation))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + PREFIX + operation + " answered " + response.statusCode()
                        + " " + response.body() + " (is moto started through scripts/lib/moto_server.py?)");
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the moto launcher's control endpoint is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
