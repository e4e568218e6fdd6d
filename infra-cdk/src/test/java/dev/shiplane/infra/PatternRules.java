package dev.shiplane.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The EventBridge rules of the synthesized templates that route events by pattern, read from the template files as
 * CloudFormation would get them: each with the account and bus it listens on and what its targets reach: shiplane
 * functions, or another account's shiplane bus ({@link #forwardTo}). Schedule rules have no pattern and are left
 * out; a target that is neither one of shiplane's Lambda aliases nor another account's shiplane bus (put on as the
 * forwarding role) fails the read, so a new kind of target cannot slip past the routing proofs.
 */
final class PatternRules {

    /**
     * One rule: {@code name} is {@code <stack>/<logical id>}, {@code account} the account of its stack,
     * {@code busName} the event bus's name ({@code default} when the template names none), {@code functions} what its
     * targets reach: functions by family (the handler's package: deploy, canary, …), those of an account other than
     * the primary one prefixed by {@link #qualifier}, and {@link #forwardTo} another account's bus.
     */
    record PatternRule(String name, String account, String busName, JsonNode pattern, Set<String> functions) {

        /** The bus as the engines key it: buses of different accounts are different buses. */
        String bus() {
            return busKey(account, busName);
        }
    }

    private static final java.util.regex.Pattern OTHER_DELIVERY_STACK =
            java.util.regex.Pattern.compile(ShiplaneDeliveryStack.STACK_NAME + "-(\\d{12})");
    private static final java.util.regex.Pattern BUS_ACCOUNT = java.util.regex.Pattern.compile(":(\\d{12}):event-bus/");

    static String busKey(String account, String busName) {
        return account + "/" + busName;
    }

    /** How a function of {@code account}'s stack is named: bare for the primary account's, else {@code <account>:}. */
    static String qualifier(String account, String primary) {
        return account.equals(primary) ? "" : account + ":";
    }

    /** What a rule reaches when its target is {@code account}'s shiplane bus. */
    static String forwardTo(String account) {
        return "forward-to-" + account;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private PatternRules() {}

    /**
     * Every pattern rule of every template of the app, in template order; {@code primary} is the account of the
     * stacks bound to none (the primary delivery stack).
     */
    static List<PatternRule> of(SynthesizedApp app, String primary) {
        List<PatternRule> rules = new ArrayList<>();
        for (var stack : app.stacks()) {
            var account = accountOf(stack, primary);
            rules.addAll(inTemplate(stack.getArtifactId(), app.templateFile(stack.getArtifactId()), account,
                    qualifier(account, primary)));
        }
        return List.copyOf(rules);
    }

    private static String accountOf(software.amazon.awscdk.Stack stack, String primary) {
        var other = OTHER_DELIVERY_STACK.matcher(stack.getArtifactId());
        if (other.matches()) return other.group(1);
        var bound = stack.getAccount();
        return software.amazon.awscdk.Token.isUnresolved(bound) ? primary : bound;
    }

    private static List<PatternRule> inTemplate(String stackName, Path file, String account, String qualifier) {
        JsonNode resources;
        try {
            resources = JSON.readTree(file.toFile()).path("Resources");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<PatternRule> rules = new ArrayList<>();
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) resources.properties()::iterator) {
            var props = entry.getValue().path("Properties");
            if (!"AWS::Events::Rule".equals(entry.getValue().path("Type").asText()) || !props.has("EventPattern")) {
                continue;
            }
            var name = stackName + "/" + entry.getKey();
            var functions = new TreeSet<String>();
            props.path("Targets").forEach(target -> functions.add(forwarded(target)
                    .orElseGet(() -> qualifier + familyOf(resources, name, target.path("Arn")))));
            rules.add(new PatternRule(name, account, busName(resources, name, props.path("EventBusName")),
                    props.get("EventPattern"), Set.copyOf(functions)));
        }
        return rules;
    }

    /** A target putting on another account's shiplane bus as a role: {@link #forwardTo} that account. */
    private static java.util.Optional<String> forwarded(JsonNode target) {
        if (!target.has("RoleArn")) return java.util.Optional.empty();
        var arn = BUS_ACCOUNT.matcher(target.path("Arn").toString());
        return arn.find() ? java.util.Optional.of(forwardTo(arn.group(1))) : java.util.Optional.empty();
    }

    /** A rule without EventBusName listens on the account's default bus; a Ref names the template's own bus. */
    private static String busName(JsonNode resources, String rule, JsonNode eventBusName) {
        if (eventBusName.isMissingNode()) return "default";
        if (eventBusName.isTextual()) return eventBusName.asText();
        var bus = resources.path(eventBusName.path("Ref").asText());
        if (!"AWS::Events::EventBus".equals(bus.path("Type").asText()) || !bus.path("Properties").path("Name")
                .isTextual()) {
            throw new IllegalStateException(rule + ": EventBusName " + eventBusName
                    + " is neither a name nor a Ref to a named bus of its template");
        }
        return bus.path("Properties").path("Name").asText();
    }

    /**
     * A target's Arn is a Ref to a function's live alias; the function's handler package names the family. Functions
     * sharing a handler (the checks function of each environment) are told apart by what differs in their logical ids
     * once the common prefix and CDK's hash are dropped: {@code checks-staging}, {@code checks-prod}.
     */
    private static String familyOf(JsonNode resources, String rule, JsonNode arn) {
        var alias = resources.path(arn.path("Ref").asText());
        if (!"AWS::Lambda::Alias".equals(alias.path("Type").asText())) {
            throw new IllegalStateException(rule + ": target " + arn + " is not a Lambda alias of its template");
        }
        var functionId = alias.path("Properties").path("FunctionName").path("Ref").asText();
        var handler = resources.path(functionId).path("Properties").path("Handler").asText();
        if (!handler.startsWith("dev.shiplane.")) {
            throw new IllegalStateException(rule + ": target " + arn + " runs " + handler + ", not a shiplane function");
        }
        var family = handler.split("\\.")[2];
        var siblings = new ArrayList<String>();
        resources.properties().forEach(e -> {
            if ("AWS::Lambda::Function".equals(e.getValue().path("Type").asText())
                    && handler.equals(e.getValue().path("Properties").path("Handler").asText())) {
                siblings.add(withoutHash(e.getKey()));
            }
        });
        if (siblings.size() == 1) return family;
        var common = siblings.stream().reduce(PatternRules::commonPrefix).orElseThrow();
        return family + "-" + withoutHash(functionId).substring(common.length()).toLowerCase(Locale.ROOT);
    }

    /** CDK ends a logical id with 8 hex digits of the construct path's hash. */
    private static String withoutHash(String logicalId) {
        return logicalId.substring(0, logicalId.length() - 8);
    }

    private static String commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) i++;
        return a.substring(0, i);
    }
}
