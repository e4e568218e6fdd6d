package dev.shiplane.core.canary;

import dev.shiplane.core.gate.HttpCheck;

/** Something that happened to a rollout. Each carries the id of the event it came from, for idempotency. */
public sealed interface Signal {

    String eventId();

    /** ECS reported the new colour's deployment complete. */
    record Healthy(String eventId, String ecsDeploymentId) implements Signal {}

    /** ECS reported the new colour's deployment failed (circuit breaker). */
    record CanaryFailed(String eventId, String ecsDeploymentId, String reason) implements Signal {}

    /** A one-shot schedule came due: check the gates, then move to step {@code step} (1-based). */
    record StepDue(String eventId, String deploymentId, int step) implements Signal {}

    /**
     * A gate alarm went into ALARM (alarm-driven rollback).
     *
     * @param alarmAt when CloudWatch changed the alarm's state ({@code null} when unknown): restore time starts there
     */
    record AlarmFired(String eventId, String alarmName, String reason, java.time.Instant alarmAt) implements Signal {}

    /** An operator asked to roll back (the CLI's {@code shiplane rollback}). */
    record RollbackRequested(String eventId, String requestedBy, String reason) implements Signal {}

    record PromoteRequested(String eventId, String requestedBy) implements Signal {}

    record AbortRequested(String eventId, String requestedBy, String reason) implements Signal {}

    record PauseRequested(String eventId, String requestedBy) implements Signal {}

    record ResumeRequested(String eventId, String requestedBy) implements Signal {}

    /** A newer image is being deployed to this service; the running rollout must give traffic back first. */
    record Superseded(String eventId, String byDeploymentId) implements Signal {}

    /** A health or smoke check of this rollout passed ({@code Gate Passed} from the checks function). */
    record CheckPassed(String eventId, String deploymentId, HttpCheck.Phase phase, String check, String evidence)
            implements Signal {}

    /** A health or smoke check of this rollout failed its last attempt ({@code Gate Failed}). */
    record CheckFailed(String eventId, String deploymentId, HttpCheck.Phase phase, String check, String evidence)
            implements Signal {}
}
