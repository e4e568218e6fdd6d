package dev.shiplane.sandbox.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A function's policy as the template gives it, rewritten only as far as moto's IAM enforcement requires: every
 * rewrite is a {@link Rewrite} below, with its reason. What the rewrites give up (resources, conditions) is checked
 * against the template by the resource test in infra-cdk, not here.
 */
public final class EmulatorPolicy {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ITEM_WRITES = List.of("dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem");

    /** The rewrites, each with why moto needs it. */
    public enum Rewrite {
        RESOURCES_WIDENED("moto checks every action against the resource \"*\" (SQS, IAM and STS aside), which a "
                + "statement naming ARNs never matches"),
        CONDITIONS_DROPPED("moto evaluates a condition only on keys it reads from the request's own parameters, so "
                + "one on any other key (iam:PassedToService, ecs:CreateAction…) would refuse what AWS allows"),
        CONDITIONAL_DENY_DROPPED("a Deny with a condition moto cannot evaluate would refuse unconditionally"),
        CLOUDWATCH_NAMED_MONITORING("moto names CloudWatch's actions by its signing name, monitoring:"),
        TRANSACTIONS_BY_ITEM_ACTIONS("AWS authorizes TransactWriteItems by each item's own action (PutItem, "
                + "UpdateItem, DeleteItem, ConditionCheckItem); moto checks dynamodb:TransactWriteItems itself"),
        TRANSACTIONS_BY_ITEM_READS("AWS authorizes TransactGetItems by GetItem on each item; moto checks "
                + "dynamodb:TransactGetItems itself");

        private final String reason;

        Rewrite(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** The policy document moto is given, and which rewrites it took. */
    public record Rewritten(ObjectNode document, Set<Rewrite> applied) {}

    private EmulatorPolicy() {}

    public static Rewritten of(List<JsonNode> statements) {
        var applied = EnumSet.noneOf(Rewrite.class);
        ArrayNode rewritten = JSON.createArrayNode();
        for (var statement : statements) {
            var deny = "Deny".equals(statement.path("Effect").asText());
            if (deny && statement.has("Condition")) {
                applied.add(Rewrite.CONDITIONAL_DENY_DROPPED);
                continue;
            }
            var copy = (ObjectNode) statement.deepCopy();
            if (copy.has("Resource") || copy.has("NotResource")) {
                var wasWide = copy.path("Resource").isTextual() && copy.get("Resource").asText().equals("*");
                copy.remove("NotResource");
                copy.put("Resource", "*");
                if (!wasWide) applied.add(Rewrite.RESOURCES_WIDENED);
            }
            if (copy.remove("Condition") != null) applied.add(Rewrite.CONDITIONS_DROPPED);
            if (copy.has("Action")) {
                copy.set("Action", actions(texts(copy.get("Action")), applied));
            }
            rewritten.add(copy);
        }
        var document = JSON.createObjectNode().put("Version", "2012-10-17");
        document.set("Statement", rewritten);
        return new Rewritten(document, Set.copyOf(applied));
    }

    private static ArrayNode actions(List<String> written, Set<Rewrite> applied) {
        var actions = new LinkedHashSet<>(written);
        for (var action : written) {
            if (action.toLowerCase(java.util.Locale.ROOT).startsWith("cloudwatch:")) {
                actions.add("monitoring:" + action.substring("cloudwatch:".length()));
                applied.add(Rewrite.CLOUDWATCH_NAMED_MONITORING);
            }
        }
        if (ITEM_WRITES.stream().anyMatch(a -> allows(written, a)) && !allows(written, "dynamodb:TransactWriteItems")) {
            actions.add("dynamodb:TransactWriteItems");
            applied.add(Rewrite.TRANSACTIONS_BY_ITEM_ACTIONS);
        }
        if (allows(written, "dynamodb:GetItem") && !allows(written, "dynamodb:TransactGetItems")) {
            actions.add("dynamodb:TransactGetItems");
            applied.add(Rewrite.TRANSACTIONS_BY_ITEM_READS);
        }
        var array = JSON.createArrayNode();
        actions.forEach(array::add);
        return array;
    }

    /** Whether one of IAM's action patterns ({@code *} and {@code ?} wildcards, case-insensitive) allows {@code action}. */
    static boolean allows(List<String> patterns, String action) {
        return patterns.stream().anyMatch(p -> Pattern.compile(
                Pattern.quote(p).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"), Pattern.CASE_INSENSITIVE)
                .matcher(action).matches());
    }

    private static List<String> texts(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) node.forEach(n -> values.add(n.asText()));
        else values.add(node.asText());
        return values;
    }
}
