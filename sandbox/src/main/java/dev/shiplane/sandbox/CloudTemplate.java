package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.shiplane.testkit.AwsEmulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthesized CloudFormation template, read the way the sandbox needs it: which rules exist on which bus with
 * which pattern, which function each rule invokes, and with what environment. Intrinsic functions are resolved for
 * the emulator's account and region; {@code Ref} to a resource yields the physical name the sandbox gives it.
 */
final class CloudTemplate {

    /**
     * An EventBridge rule and the function its target invokes. Exactly one of {@code pattern} (an event rule) and
     * {@code schedule} (a schedule expression, which moto stores but never fires) is set.
     */
    record Rule(String logicalId, String bus, String pattern, String schedule, String functionLogicalId) {}

    /** A Lambda function: its handler class, its environment variables and the logical id of its execution role. */
    record Function(String logicalId, String handlerClass, Map<String, String> environment, String roleLogicalId) {}

    /**
     * What the template gives a role: the statements of every policy attached to it (its own inline policies and the
     * {@code AWS::IAM::Policy} resources naming it), unresolved as written, and its managed policies' ARNs.
     */
    record RolePolicies(String roleLogicalId, List<JsonNode> statements, List<String> managedPolicyArns) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A rule whose target is an event bus (another account's): EventBridge delivers what the pattern matches to that
     * bus. moto would re-mint the event, so the sandbox plays the delivery ({@link CrossAccountForwarding}).
     */
    record Forwarding(String logicalId, String bus, String pattern, String targetBusArn) {
        /** The account of the target bus, from its ARN. */
        String targetAccount() {
            return targetBusArn.split(":")[4];
        }

        /** The name of the target bus, from its ARN. */
        String targetBus() {
            return targetBusArn.substring(targetBusArn.lastIndexOf('/') + 1);
        }
    }

    private static final java.util.regex.Pattern EVENT_BUS_ARN =
            java.util.regex.Pattern.compile("arn:aws:events:[a-z0-9-]+:\\d{12}:event-bus/[\\w.-]+");

    private final JsonNode resources;
    private final String account;

    private CloudTemplate(JsonNode template, String account) {
        this.resources = template.get("Resources");
        this.account = account;
    }

    /** A template deployed in moto's default account. */
    static CloudTemplate read(Path file) throws IOException {
        return read(file, AwsEmulator.ACCOUNT);
    }

    /** A template deployed in {@code account}: {@code AWS::AccountId} and the ARNs of its resources name it. */
    static CloudTemplate read(Path file, String account) throws IOException {
        return new CloudTemplate(JSON.readTree(file.toFile()), account);
    }

    /** The account the template is deployed in. */
    String account() {
        return account;
    }

    /** The name the sandbox gives a resource: its explicit name property when the template sets one. */
    String physicalName(String logicalId) {
        var resource = resources.get(logicalId);
        if (resource == null) {
            throw new IllegalStateException("template has no resource " + logicalId);
        }
        var props = resource.path("Properties");
        for (var nameProperty : List.of("Name", "TableName", "FunctionName", "QueueName", "TopicName")) {
            if (props.hasNonNull(nameProperty) && props.get(nameProperty).isTextual()) {
                return props.get(nameProperty).asText();
            }
        }
        return logicalId;
    }

    String eventBusName() {
        return physicalName(single("AWS::Events::EventBus"));
    }

    String ledgerTableName() {
        return physicalName(single("AWS::DynamoDB::Table"));
    }

    List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        resources.properties().forEach(entry -> {
            if (!"AWS::Events::Rule".equals(entry.getValue().path("Type").asText())) return;
            var props = entry.getValue().get("Properties");
            var bus = props.has("EventBusName") ? resolve(props.get("EventBusName")).asText() : "default";
            var pattern = props.has("EventPattern") ? resolve(props.get("EventPattern")).toString() : null;
            var schedule = props.has("ScheduleExpression") ? resolve(props.get("ScheduleExpression")).asText() : null;
            for (var target : props.path("Targets")) {
                if (eventBusArn(target.get("Arn")) != null) continue;
                rules.add(new Rule(entry.getKey(), bus, pattern, schedule, functionBehind(target.get("Arn"))));
            }
        });
        return rules;
    }

    /** The rules whose target is an event bus: what EventBridge forwards to another account's bus. */
    List<Forwarding> forwardings() {
        List<Forwarding> forwardings = new ArrayList<>();
        resources.properties().forEach(entry -> {
            if (!"AWS::Events::Rule".equals(entry.getValue().path("Type").asText())) return;
            var props = entry.getValue().get("Properties");
            var bus = props.has("EventBusName") ? resolve(props.get("EventBusName")).asText() : "default";
            for (var target : props.path("Targets")) {
                var arn = eventBusArn(target.get("Arn"));
                if (arn != null) {
                    forwardings.add(new Forwarding(entry.getKey(), bus,
                            resolve(props.get("EventPattern")).toString(), arn));
                }
            }
        });
        return forwardings;
    }

    /** A target's ARN when it names an event bus (written out or joined, not a resource of this template). */
    private String eventBusArn(JsonNode arn) {
        if (arn == null || arn.has("Ref") || arn.has("Fn::GetAtt")) return null;
        var resolved = resolve(arn).asText();
        return EVENT_BUS_ARN.matcher(resolved).matches() ? resolved : null;
    }

    /** Logical ids of the functions behind an {@code AWS::Lambda::Url} (reached over HTTPS, not through rules). */
    List<String> urlFunctions() {
        List<String> ids = new ArrayList<>();
        resources.properties().forEach(entry -> {
            if ("AWS::Lambda::Url".equals(entry.getValue().path("Type").asText())) {
                ids.add(functionBehind(entry.getValue().get("Properties").get("TargetFunctionArn")));
            }
        });
        return ids.stream().distinct().toList();
    }

    /** The functions behind an {@code AWS_IAM} Function URL: Lambda verifies a SigV4 signature before invoking them. */
    List<String> iamUrlFunctions() {
        List<String> ids = new ArrayList<>();
        resources.properties().forEach(entry -> {
            var resource = entry.getValue();
            if ("AWS::Lambda::Url".equals(resource.path("Type").asText())
                    && "AWS_IAM".equals(resource.path("Properties").path("AuthType").asText())) {
                ids.add(functionBehind(resource.get("Properties").get("TargetFunctionArn")));
            }
        });
        return ids.stream().distinct().toList();
    }

    Function function(String logicalId) {
        var props = resources.get(logicalId).get("Properties");
        Map<String, String> env = new LinkedHashMap<>();
        props.path("Environment").path("Variables").properties()
                .forEach(e -> env.put(e.getKey(), resolve(e.getValue()).asText()));
        var handler = props.get("Handler").asText();
        return new Function(logicalId, handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler,
                env, referencedId(props.get("Role")));
    }

    RolePolicies rolePolicies(String roleLogicalId) {
        var role = resources.get(roleLogicalId);
        if (role == null || !"AWS::IAM::Role".equals(role.path("Type").asText())) {
            throw new IllegalStateException("template has no role " + roleLogicalId);
        }
        List<JsonNode> statements = new ArrayList<>();
        role.path("Properties").path("Policies").forEach(p -> addStatements(p.path("PolicyDocument"), statements));
        resources.properties().forEach(entry -> {
            var resource = entry.getValue();
            if (!"AWS::IAM::Policy".equals(resource.path("Type").asText())) return;
            for (var attached : resource.path("Properties").path("Roles")) {
                if (attached.has("Ref") && attached.get("Ref").asText().equals(roleLogicalId)) {
                    addStatements(resource.path("Properties").path("PolicyDocument"), statements);
                }
            }
        });
        List<String> managed = new ArrayList<>();
        role.path("Properties").path("ManagedPolicyArns").forEach(arn -> managed.add(resolve(arn).asText()));
        return new RolePolicies(roleLogicalId, List.copyOf(statements), List.copyOf(managed));
    }

    private static void addStatements(JsonNode document, List<JsonNode> into) {
        var statement = document.path("Statement");
        if (statement.isArray()) statement.forEach(into::add);
        else if (statement.isObject()) into.add(statement);
    }

    /** Logical ids of the functions whose handler is {@code handlerClass}. */
    List<String> functionsWithHandler(String handlerClass) {
        List<String> ids = new ArrayList<>();
        resources.properties().forEach(entry -> {
            if ("AWS::Lambda::Function".equals(entry.getValue().path("Type").asText())
                    && entry.getValue().path("Properties").path("Handler").asText().startsWith(handlerClass)) {
                ids.add(entry.getKey());
            }
        });
        return ids;
    }

    /** A target's Arn is a Ref to an alias (or a version, or the function itself); follow it to the function. */
    private String functionBehind(JsonNode arn) {
        var id = referencedId(arn);
        var resource = resources.get(id);
        return switch (resource.path("Type").asText()) {
            case "AWS::Lambda::Function" -> id;
            case "AWS::Lambda::Alias", "AWS::Lambda::Version" -> functionBehind(resource.get("Properties").get("FunctionName"));
            default -> throw new IllegalStateException("rule target " + id + " is a " + resource.path("Type").asText()
                    + ", not a Lambda function, alias or version");
        };
    }

    private static String referencedId(JsonNode node) {
        if (node.has("Ref")) return node.get("Ref").asText();
        if (node.has("Fn::GetAtt")) return node.get("Fn::GetAtt").get(0).asText();
        throw new IllegalStateException("expected a Ref or Fn::GetAtt, found " + node);
    }

    private String single(String type) {
        List<String> ids = new ArrayList<>();
        resources.properties().forEach(e -> {
            if (type.equals(e.getValue().path("Type").asText())) ids.add(e.getKey());
        });
        if (ids.size() != 1) {
            throw new IllegalStateException("expected one " + type + " in the template, found " + ids);
        }
        return ids.getFirst();
    }

    /** Resolves Ref, Fn::GetAtt (names only), Fn::Join and Fn::Sub for the emulator's account and region. */
    JsonNode resolve(JsonNode node) {
        if (node.isObject() && node.size() == 1) {
            var name = node.fieldNames().next();
            var arg = node.get(name);
            switch (name) {
                case "Ref" -> {
                    return new TextNode(pseudo(arg.asText()));
                }
                case "Fn::GetAtt" -> {
                    return new TextNode(attribute(arg.get(0).asText(), arg.get(1).asText()));
                }
                case "Fn::Join" -> {
                    var parts = new ArrayList<String>();
                    resolve(arg.get(1)).forEach(p -> parts.add(p.asText()));
                    return new TextNode(String.join(arg.get(0).asText(), parts));
                }
                case "Fn::Sub" -> {
                    var text = arg.isTextual() ? arg.asText() : arg.get(0).asText();
                    var m = java.util.regex.Pattern.compile("\\$\\{([^}]+)}").matcher(text);
                    var out = new StringBuilder();
                    while (m.find()) m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(pseudo(m.group(1))));
                    m.appendTail(out);
                    return new TextNode(out.toString());
                }
                default -> { /* a plain one-field object, resolved below */ }
            }
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), resolve(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(n -> copy.add(resolve(n)));
            return copy;
        }
        return node;
    }

    /** {@code Fn::GetAtt}: ARNs as the emulator forms them for the sandbox's resources; other attributes by name. */
    private String attribute(String logicalId, String attribute) {
        var name = physicalName(logicalId);
        if (!attribute.equals("Arn")) return name;
        var prefix = "arn:aws:%s:" + AwsEmulator.REGION + ":" + account + ":";
        return switch (resources.get(logicalId).path("Type").asText()) {
            case "AWS::Events::EventBus" -> prefix.formatted("events") + "event-bus/" + name;
            case "AWS::IAM::Role" -> "arn:aws:iam::" + account + ":role/" + name;
            case "AWS::SQS::Queue" -> prefix.formatted("sqs") + name;
            case "AWS::SNS::Topic" -> prefix.formatted("sns") + name;
            case "AWS::Lambda::Function" -> prefix.formatted("lambda") + "function:" + name;
            case "AWS::Scheduler::ScheduleGroup" -> prefix.formatted("scheduler") + "schedule-group/" + name;
            default -> name;
        };
    }

    private String pseudo(String ref) {
        return switch (ref) {
            case "AWS::Region" -> AwsEmulator.REGION;
            case "AWS::AccountId" -> account;
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            // CloudFormation's Ref of a topic is its ARN, which is what SNS's Publish takes; of an alias, its ARN.
            default -> switch (resources.path(ref).path("Type").asText()) {
                case "AWS::SNS::Topic" -> attribute(ref, "Arn");
                case "AWS::Lambda::Alias" -> "arn:aws:lambda:" + AwsEmulator.REGION + ":" + account
                        + ":function:" + physicalName(functionBehind(resources.get(ref).path("Properties")
                        .path("FunctionName"))) + ":" + resources.get(ref).path("Properties").path("Name").asText();
                default -> physicalName(ref);
            };
        };
    }
}
