package dev.shiplane.sandbox.ecsengine;

import java.time.Duration;

/** One thing ECS's engine does in a service deployment, in the order {@link EnginePlan} lists them. */
sealed interface EngineStep {

    /** The deployment's {@code lifecycleStage} becomes {@code stage} (ECS's ServiceDeploymentLifecycleStage). */
    record EnterStage(String stage) implements EngineStep {}

    /** A hook declared at {@code stage} runs; the deployment goes on only once it has succeeded. */
    record RunHook(String stage, NativeConfiguration.Hook hook) implements EngineStep {}

    /** Test traffic: {@code targetPercent} on the new revision. */
    record ShiftTestTraffic(double targetPercent) implements EngineStep {}

    /** Production traffic: {@code targetPercent} on the new revision (the listener rule's weights). */
    record ShiftProductionTraffic(double targetPercent) implements EngineStep {}

    /** Both revisions run for {@code time}; a rollback alarm going off meanwhile rolls back. */
    record Bake(Duration time) implements EngineStep {}

    /** The deployment is done: SUCCESSFUL, or ROLLBACK_SUCCESSFUL when it was rolling back. */
    record Finish() implements EngineStep {}
}
