package dev.shiplane.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Match;

/** How recurring template fragments look, so that tests state expectations rather than JSON plumbing. */
final class TemplateShapes {

    private TemplateShapes() {}

    /** An {@code AWS::IAM::Policy} whose document has a statement like {@code statement}. */
    static Map<String, Object> policyWith(Map<String, Object> statement) {
        return Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(statement)))));
    }

    /** The same, limited to the policy attached to the role whose logical id starts with {@code rolePrefix}. */
    static Map<String, Object> policyOf(String rolePrefix, Map<String, Object> statement) {
        return Map.of(
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("^" + rolePrefix))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(statement)))));
    }

    static Map<String, Object> serviceArn(String clusterAndService) {
        return accountArn(":ecs:", true, ":service/" + clusterAndService);
    }

    /** What Stack.formatArn renders in an environment-agnostic stack. */
    static Map<String, Object> accountArn(String service, boolean regional, String resource) {
        var parts = regional
                ? List.<Object>of("arn:", Map.of("Ref", "AWS::Partition"), service, Map.of("Ref", "AWS::Region"), ":",
                        Map.of("Ref", "AWS::AccountId"), resource)
                : List.<Object>of("arn:", Map.of("Ref", "AWS::Partition"), service + ":",
                        Map.of("Ref", "AWS::AccountId"), resource);
        return Map.of("Fn::Join", List.of("", parts));
    }

    static Map<String, Object> getAtt(String logicalIdPrefix, String attribute) {
        return Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^" + logicalIdPrefix), attribute));
    }

    static Map<String, Object> ref(String logicalIdPrefix) {
        return Map.of("Ref", Match.stringLikeRegexp("^" + logicalIdPrefix));
    }

    /** The environment every delivery function gets, for the function family whose service name is given. */
    static Map<String, Object> deliveryEnvironment(String serviceName) {
        return Map.of(
                "SHIPLANE_BUS_NAME", ref("CoreBus"),
                "SHIPLANE_BUS_ARN", getAtt("CoreBus", "Arn"),
                "SHIPLANE_LEDGER_TABLE", ref("CoreLedger"),
                "SHIPLANE_SCHEDULE_GROUP", "shiplane",
                "SHIPLANE_SCHEDULER_ROLE_ARN", getAtt("CoreSchedulerRole", "Arn"),
                "SHIPLANE_LEASE_SECONDS", "120",
                "SHIPLANE_LEDGER_RETENTION_DAYS", "400",
                "POWERTOOLS_SERVICE_NAME", serviceName,
                "POWERTOOLS_METRICS_NAMESPACE", "shiplane",
                "POWERTOOLS_LOG_LEVEL", "INFO");
    }
}
