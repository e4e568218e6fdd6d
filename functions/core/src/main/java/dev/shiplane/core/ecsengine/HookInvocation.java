package dev.shiplane.core.ecsengine;

import java.util.Map;

/**
 * One invocation of shiplane's hooks function by ECS, as AWS documents the Lambda hook payload ("Lifecycle hooks for
 * Amazon ECS service deployments"). The hooks function reads it from JSON; core sees only these values.
 *
 * @param executionId              ECS's id of this hook execution; the same in the re-invocations an
 *                                 {@code IN_PROGRESS} answer asks for
 * @param lifecycleStage           the stage as ECS names it ({@code PRE_SCALE_UP}); kept as text so an unknown one
 *                                 reaches the policy, which refuses it
 * @param resourceArn              the service deployment's ARN
 * @param serviceArn               {@code arn:aws:ecs:<region>:<account>:service/<cluster>/<service>}
 * @param targetServiceRevisionArn the service revision being deployed
 * @param productionTrafficWeights percent of production traffic per service revision ARN (empty when absent)
 * @param hookDetails              what the hook's configuration or shiplane's previous {@code IN_PROGRESS} answer
 *                                 carried, as text values
 */
public record HookInvocation(String executionId, String lifecycleStage, String resourceArn, String serviceArn,
                             String targetServiceRevisionArn, Map<String, Integer> productionTrafficWeights,
                             Map<String, String> hookDetails) {

    public HookInvocation {
        productionTrafficWeights = productionTrafficWeights == null ? Map.of() : Map.copyOf(productionTrafficWeights);
        hookDetails = hookDetails == null ? Map.of() : Map.copyOf(hookDetails);
    }

    /** The cluster's name in {@link #serviceArn}, or {@code null} when it is not a service ARN. */
    public String cluster() {
        var parts = serviceParts();
        return parts == null ? null : parts[0];
    }

    /** The ECS service's name in {@link #serviceArn}, or {@code null} when it is not a service ARN. */
    public String ecsService() {
        var parts = serviceParts();
        return parts == null ? null : parts[1];
    }

    /** Percent of production traffic on the revision being deployed, or {@code null} when ECS did not say. */
    public Integer targetProductionWeight() {
        return targetServiceRevisionArn == null ? null : productionTrafficWeights.get(targetServiceRevisionArn);
    }

    private String[] serviceParts() {
        if (serviceArn == null) return null;
        int at = serviceArn.indexOf(":service/");
        if (at < 0) return null;
        var parts = serviceArn.substring(at + ":service/".length()).split("/");
        return parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty() ? parts : null;
    }
}
