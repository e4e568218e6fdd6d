package dev.shiplane.core.ecsengine;

import java.time.Instant;

/**
 * ECS's {@code ECS Hook State Change}: a lifecycle hook of a service deployment changed status. shiplane acts on
 * {@value #AWAITING_ACTION} of a {@code PAUSE} hook (an approval); the other statuses need nothing from it.
 *
 * @param eventName            {@code HOOK_AWAITING_ACTION}, {@code HOOK_SUCCEEDED}, {@code HOOK_FAILED}, …
 * @param hookType             {@code PAUSE} or {@code AWS_LAMBDA}
 * @param cluster              the cluster's name (from {@code clusterArn})
 * @param ecsService           the service's name (from {@code serviceArn})
 * @param serviceDeploymentArn the ECS service deployment the hook belongs to
 */
public record HookStateChange(String eventId, String eventName, String hookId, String hookType,
                              String lifecycleStage, String cluster, String ecsService, String serviceDeploymentArn,
                              Instant expiresAt, Instant at) {

    public static final String AWAITING_ACTION = "HOOK_AWAITING_ACTION";

    public boolean pauseAwaitingAction() {
        return AWAITING_ACTION.equals(eventName) && "PAUSE".equals(hookType);
    }
}
