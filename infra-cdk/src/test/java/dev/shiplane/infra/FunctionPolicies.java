package dev.shiplane.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each shiplane function of a synthesized template with its role's policies: the {@code AWS::IAM::Policy}
 * resources attached to the role and the role's inline policies, every Allow statement resolved by
 * {@link TemplateValues}. Managed policies attached to a role are not read (shiplane's roles have none; the test
 * asserts it). A function is named by its package, the third part of its handler
 * ({@code dev.shiplane.deploy.DeployHandler::handleRequest} → {@code deploy}); there may be several of one package
 * (a checks function per environment).
 */
final class FunctionPolicies {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param logicalId  the function's logical id
     * @param pkg        its package's name ({@code deploy})
     * @param properties the function's template properties
     * @param managed    managed policy ARNs on its role
     */
    record Function(String logicalId, String pkg, JsonNode properties, List<IamStatement> allows,
                    List<String> managed) {

        @Override
        public String toString() {
            return pkg + " (" + logicalId + ")";
        }
    }

    private FunctionPolicies() {}

    static List<Function> of(TemplateValues template) {
        var functions = new ArrayList<Function>();
        template.resources().properties().forEach(entry -> {
            var resource = entry.getValue();
            if (!resource.path("Type").asText().equals("AWS::Lambda::Function")) return;
            var handler = resource.path("Properties").path("Handler").asText();
            if (!handler.startsWith("dev.shiplane.")) return;
            var pkg = handler.split("\\.")[2];
            var roleId = resource.path("Properties").path("Role").path("Fn::GetAtt").path(0).asText();
            var role = template.resources().path(roleId);
            var allows = new ArrayList<IamStatement>();
            role.path("Properties").path("Policies").forEach(inline -> allows.addAll(statements(template,
                    roleId + "." + inline.path("PolicyName").asText(), inline.path("PolicyDocument"))));
            template.resources().properties().forEach(other -> {
                var policy = other.getValue();
                if (!policy.path("Type").asText().equals("AWS::IAM::Policy")) return;
                for (var attached : policy.path("Properties").path("Roles")) {
                    if (attached.path("Ref").asText().equals(roleId)) {
                        allows.addAll(statements(template, other.getKey(), policy.path("Properties")
                                .path("PolicyDocument")));
                    }
                }
            });
            functions.add(new Function(entry.getKey(), pkg, resource.path("Properties"), List.copyOf(allows),
                    template.strings(role.path("Properties").path("ManagedPolicyArns"))));
        });
        return functions;
    }

    @SuppressWarnings("unchecked")
    private static List<IamStatement> statements(TemplateValues template, String policy, JsonNode document) {
        var statements = new ArrayList<IamStatement>();
        var index = 0;
        for (var statement : document.path("Statement")) {
            var where = policy + "#" + index++;
            if (!statement.path("Effect").asText().equals("Allow")) {
                throw new AssertionError(where + " is not an Allow; the matcher evaluates Allow statements only");
            }
            if (statement.has("NotAction") || statement.has("NotResource")) {
                throw new AssertionError(where + " uses NotAction/NotResource, which the matcher does not evaluate");
            }
            var conditions = statement.has("Condition")
                    ? (Map<String, Object>) JSON.convertValue(statement.get("Condition"), Map.class) : Map.<String, Object>of();
            statements.add(new IamStatement(where, template.strings(statement.path("Action")),
                    template.strings(statement.path("Resource")), conditions));
        }
        return statements;
    }
}
