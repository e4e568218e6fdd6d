package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shiplane.testkit.AwsEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * CloudFormation's part in a stack update of the platform ({@code ServiceInfra}) stacks: the story's configuration with
 * the directive's changes is synthesized again, each settings task definition whose properties changed is registered
 * anew in the emulator (a new revision, as CloudFormation updates an {@code AWS::ECS::TaskDefinition}), and each
 * updated stack's {@code CloudFormation Stack Status Change} (UPDATE_COMPLETE) is sent. Nothing else of the stack
 * reaches moto: ECS services keep what they run (the template's services point at bootstrap revisions that never
 * change).
 */
final class StackUpdate {

    /** What CloudFormation did: a line per stack for the timeline, and the events it sent. */
    record Applied(List<String> lines, List<byte[]> events) {}

    /** The harness in one account: CloudFormation's calls for a stack are made there. */
    record Caller(String account, String accessKeyId, String sessionToken) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private Path before;
    private Path configFile;
    private final Path workDir;
    private final String endpoint;
    private final java.util.function.Function<String, Caller> callerOfStack;
    private int updates;

    /**
     * @param before     the directory the platform stacks were synthesized to before the update
     * @param configFile the story's configuration
     * @param accessKeyId whom CloudFormation's calls are made as (the harness: CloudFormation is AWS's part)
     */
    StackUpdate(Path before, Path configFile, Path workDir, String endpoint, String accessKeyId) {
        this(before, configFile, workDir, endpoint, stack -> new Caller(AwsEmulator.ACCOUNT, accessKeyId, null));
    }

    /**
     * @param callerOfStack the harness in the account a stack is deployed to: CloudFormation updates each stack in its
     *                      own account and sends its events there
     */
    StackUpdate(Path before, Path configFile, Path workDir, String endpoint,
                java.util.function.Function<String, Caller> callerOfStack) {
        this.before = before;
        this.configFile = configFile;
        this.workDir = workDir;
        this.endpoint = endpoint;
        this.callerOfStack = callerOfStack;
    }

    /** @param set dotted paths of the configuration ({@code environments.staging.platform.tasks.web.memory}) → values */
    Applied apply(Map<String, JsonNode> set, Instant at) throws IOException {
        if (!Files.isDirectory(before)) dev.shiplane.infra.ShiplaneApp.synthPlatforms(configFile, before);
        updates++;
        var config = (ObjectNode) YAML.readTree(configFile.toFile());
        set.forEach((path, value) -> put(config, path, value));
        var changedConfig = workDir.resolve("shiplane-stack-update-" + updates + ".yml");
        YAML.writeValue(changedConfig.toFile(), config);
        var after = dev.shiplane.infra.ShiplaneApp.synthPlatforms(changedConfig,
                workDir.resolve("cdk.out-stack-update-" + updates));
        var previousDir = before;
        before = after;
        configFile = changedConfig; // a later update starts from this one
        List<String> lines = new ArrayList<>();
        List<byte[]> events = new ArrayList<>();
        try (var templates = Files.list(after)) {
            for (var file : templates.filter(f -> f.getFileName().toString().endsWith(".template.json")).sorted()
                    .toList()) {
                var stack = file.getFileName().toString().replace(".template.json", "");
                var previous = previousDir.resolve(file.getFileName());
                var beforeTemplate = Files.exists(previous) ? JSON.readTree(previous.toFile()) : JSON.createObjectNode();
                var changes = SettingsChanges.between(beforeTemplate, JSON.readTree(file.toFile()));
                List<String> registered = new ArrayList<>();
                var caller = callerOfStack.apply(stack);
                for (var change : changes) registered.add(register(change.properties(), caller));
                lines.add(stack + " UPDATE_COMPLETE: " + (registered.isEmpty()
                        ? "no settings task definition changed"
                        : "registered " + String.join(", ", registered)));
                events.add(statusChange(stack, at, caller.account()));
            }
        }
        return new Applied(lines, events);
    }

    /** Registers a task definition from its CloudFormation properties (ECS's API takes the same shape, camelCase). */
    private String register(JsonNode properties, Caller caller) throws IOException {
        var request = (ObjectNode) camelCase(properties);
        var response = ecs("RegisterTaskDefinition", request, caller);
        var arn = response.path("taskDefinition").path("taskDefinitionArn").asText();
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private JsonNode ecs(String operation, JsonNode body, Caller caller) throws IOException {
        return JSON.readTree(call("ecs", body.toString(), caller, "AmazonEC2ContainerServiceV20141113." + operation));
    }

    /** One call to the emulator as {@code caller}; {@code target} is a JSON protocol's operation, null for a query. */
    private String call(String service, String body, Caller caller, String target)
            throws IOException {
        var builder = HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", target == null ? "application/x-www-form-urlencoded"
                        : "application/x-amz-json-1.1")
                // moto reads the caller and the region from the credential scope; nothing checks the signature
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + caller.accessKeyId() + "/20260101/"
                        + AwsEmulator.REGION + "/" + service + "/aws4_request, SignedHeaders=host, Signature=0");
        if (target != null) builder.header("X-Amz-Target", target);
        var token = caller.sessionToken();
        if (token != null) builder.header("X-Amz-Security-Token", token);
        var request = builder.POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(service + " " + (target == null ? body : target) + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /**
     * CloudFormation's property names are ECS's API member names capitalised. An intrinsic function the sandbox does
     * not resolve (an import, another stack's output) stands as its text: the emulator only stores it.
     */
    static JsonNode camelCase(JsonNode node) {
        if (node.isObject()) {
            if (node.size() == 1 && (node.has("Ref") || node.fieldNames().next().startsWith("Fn::"))) {
                return TextNode.valueOf(node.toString());
            }
            var copy = JSON.createObjectNode();
            node.properties().forEach(e -> copy.set(Character.toLowerCase(e.getKey().charAt(0))
                    + e.getKey().substring(1), camelCase(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(n -> copy.add(camelCase(n)));
            return copy;
        }
        return node;
    }

    private static byte[] statusChange(String stack, Instant at, String account) {
        var stackId = "arn:aws:cloudformation:" + AwsEmulator.REGION + ":" + account + ":stack/" + stack
                + "/" + UUID.nameUUIDFromBytes(stack.getBytes(StandardCharsets.UTF_8));
        var event = JSON.createObjectNode().put("version", "0").put("id", UUID.randomUUID().toString())
                .put("detail-type", "CloudFormation Stack Status Change").put("source", "aws.cloudformation")
                .put("account", account).put("time", at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString()).put("region", AwsEmulator.REGION);
        event.putArray("resources").add(stackId);
        event.putObject("detail").put("stack-id", stackId).putObject("status-details").put("status", "UPDATE_COMPLETE")
                .put("status-reason", "");
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void put(ObjectNode root, String dottedPath, JsonNode value) {
        var parts = dottedPath.split("\\.");
        var node = root;
        for (int i = 0; i < parts.length - 1; i++) node = node.withObjectProperty(parts[i]);
        node.set(parts[parts.length - 1], value);
    }
}
