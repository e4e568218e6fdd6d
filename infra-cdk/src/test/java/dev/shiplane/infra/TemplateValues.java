package dev.shiplane.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The concrete value a synthesized template's expression takes once deployed to the test account
 * ({@value #ACCOUNT}, {@value #REGION}): pseudo parameters, {@code Ref}, {@code Fn::GetAtt} of the resource types
 * shiplane's policies name, {@code Fn::Join}, {@code Fn::Sub}, {@code Fn::Select}/{@code Fn::Split}. A resource
 * CloudFormation names itself (no name property) is taken to be named after its logical id, and a secret's ARN ends
 * in {@value #SECRET_SUFFIX}, where Secrets Manager adds six random characters. An expression it cannot resolve
 * fails with the expression, so a policy that grows a new kind of reference is not silently misread.
 */
final class TemplateValues {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final String SECRET_SUFFIX = "-AbCdEf";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final JsonNode resources;

    TemplateValues(JsonNode template) {
        this.resources = template.path("Resources");
    }

    static JsonNode read(Path templateFile) {
        try {
            return JSON.readTree(templateFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode resources() {
        return resources;
    }

    /** A string, or every string of a list (a policy's Action and Resource may be either). */
    List<String> strings(JsonNode value) {
        if (value == null || value.isMissingNode()) return List.of();
        if (value.isArray()) {
            var all = new ArrayList<String>();
            value.forEach(v -> all.add(string(v)));
            return all;
        }
        return List.of(string(value));
    }

    String string(JsonNode value) {
        if (value.isTextual()) return value.asText();
        if (value.isObject() && value.size() == 1) {
            var name = value.fieldNames().next();
            var argument = value.get(name);
            switch (name) {
                case "Ref":
                    return ref(argument.asText());
                case "Fn::GetAtt":
                    return getAtt(argument.get(0).asText(), argument.get(1).asText());
                case "Fn::Join": {
                    var parts = new ArrayList<String>();
                    argument.get(1).forEach(p -> parts.add(string(p)));
                    return String.join(argument.get(0).asText(), parts);
                }
                case "Fn::Sub":
                    return sub(argument.isArray() ? argument.get(0).asText() : argument.asText());
                case "Fn::Select": {
                    var list = argument.get(1);
                    var items = list.isArray() ? strings(list) : splitOf(list);
                    return items.get(argument.get(0).asInt());
                }
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("TemplateValues cannot resolve " + value);
    }

    private List<String> splitOf(JsonNode value) {
        var split = value.get("Fn::Split");
        if (split == null) throw new IllegalArgumentException("TemplateValues cannot resolve " + value);
        return List.of(string(split.get(1)).split(Pattern.quote(split.get(0).asText()), -1));
    }

    private String sub(String text) {
        var matcher = SUB_VARIABLE.matcher(text);
        var out = new StringBuilder();
        while (matcher.find()) {
            var variable = matcher.group(1);
            var dot = variable.indexOf('.');
            var value = variable.startsWith("AWS::") || dot < 0 ? ref(variable)
                    : getAtt(variable.substring(0, dot), variable.substring(dot + 1));
            matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    String ref(String name) {
        switch (name) {
            case "AWS::Partition": return "aws";
            case "AWS::Region": return REGION;
            case "AWS::AccountId": return ACCOUNT;
            case "AWS::URLSuffix": return "amazonaws.com";
            default: break;
        }
        var resource = resource(name);
        var type = resource.path("Type").asText();
        return switch (type) {
            // Ref gives the ARN for these types
            case "AWS::SNS::Topic", "AWS::SecretsManager::Secret", "AWS::Lambda::Alias" -> getAtt(name, "Arn");
            case "AWS::SQS::Queue" -> "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + physicalName(name);
            default -> physicalName(name);
        };
    }

    String getAtt(String logicalId, String attribute) {
        var resource = resource(logicalId);
        var type = resource.path("Type").asText();
        var name = physicalName(logicalId);
        if (!attribute.equals("Arn")) {
            if (type.equals("AWS::SQS::Queue") && attribute.equals("QueueName")) return name;
            throw new IllegalArgumentException("TemplateValues cannot resolve " + logicalId + "." + attribute);
        }
        var regional = "arn:aws:%s:" + REGION + ":" + ACCOUNT + ":%s";
        return switch (type) {
            case "AWS::DynamoDB::Table" -> regional.formatted("dynamodb", "table/" + name);
            case "AWS::Events::EventBus" -> regional.formatted("events", "event-bus/" + name);
            case "AWS::SNS::Topic" -> regional.formatted("sns", name);
            case "AWS::SQS::Queue" -> regional.formatted("sqs", name);
            case "AWS::SecretsManager::Secret" -> regional.formatted("secretsmanager", "secret:" + name + SECRET_SUFFIX);
            case "AWS::Lambda::Function" -> regional.formatted("lambda", "function:" + name);
            case "AWS::Lambda::Alias" -> regional.formatted("lambda", "function:"
                    + string(resource.path("Properties").path("FunctionName")) + ":"
                    + resource.path("Properties").path("Name").asText());
            case "AWS::Scheduler::ScheduleGroup" -> regional.formatted("scheduler", "schedule-group/" + name);
            case "AWS::IAM::Role" -> "arn:aws:iam::" + ACCOUNT + ":role" + rolePath(resource) + name;
            case "AWS::KMS::Key" -> regional.formatted("kms", "key/" + name);
            case "AWS::Logs::LogGroup" -> regional.formatted("logs", "log-group:" + name + ":*");
            default -> throw new IllegalArgumentException("TemplateValues cannot resolve " + logicalId + ".Arn of a "
                    + type);
        };
    }

    private String rolePath(JsonNode role) {
        var path = role.path("Properties").path("Path");
        return path.isMissingNode() ? "/" : string(path);
    }

    /** The name a resource gets: its name property, or (CloudFormation's own choice) its logical id. */
    String physicalName(String logicalId) {
        var properties = resource(logicalId).path("Properties");
        for (var property : List.of("TableName", "Name", "TopicName", "QueueName", "RoleName", "FunctionName",
                "LogGroupName", "ScheduleGroupName")) {
            var value = properties.get(property);
            if (value != null) return string(value);
        }
        return logicalId;
    }

    private JsonNode resource(String logicalId) {
        var resource = resources.get(logicalId);
        if (resource == null) throw new IllegalArgumentException("no resource " + logicalId + " in the template");
        return resource;
    }

    /** The logical id of the one resource whose id starts with {@code prefix} and has {@code type}. */
    String logicalId(String prefix, String type) {
        var found = new ArrayList<String>();
        resources.properties().forEach(e -> {
            if (e.getKey().startsWith(prefix) && e.getValue().path("Type").asText().equals(type)) found.add(e.getKey());
        });
        if (found.size() != 1) {
            throw new IllegalArgumentException("expected one " + type + " whose id starts with " + prefix + ", found "
                    + found);
        }
        return found.getFirst();
    }
}
