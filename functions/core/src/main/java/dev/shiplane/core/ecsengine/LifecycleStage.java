package dev.shiplane.core.ecsengine;

/**
 * The stages of an ECS service deployment at which a lifecycle hook may run, in the order ECS runs them (the SDK's
 * {@code DeploymentLifecycleHookStage}; AWS's developer guide, "Lifecycle hooks for Amazon ECS service deployments").
 */
public enum LifecycleStage {
    RECONCILE_SERVICE,
    PRE_SCALE_UP,
    POST_SCALE_UP,
    TEST_TRAFFIC_SHIFT,
    POST_TEST_TRAFFIC_SHIFT,
    PRE_PRODUCTION_TRAFFIC_SHIFT,
    PRODUCTION_TRAFFIC_SHIFT,
    POST_PRODUCTION_TRAFFIC_SHIFT;

    /** The stage ECS names {@code name}, or {@code null} for one this shiplane does not know. */
    public static LifecycleStage fromName(String name) {
        for (var s : values()) {
            if (s.name().equals(name)) return s;
        }
        return null;
    }
}
