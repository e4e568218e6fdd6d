package dev.shiplane.core.ecsengine;

/** What became of an {@code ECS Hook State Change}. */
public sealed interface ApprovalOutcome {

    /** The deployment's wait is recorded and {@code Approval Requested} published. */
    record Requested(String env, String service, String deploymentId, String hookId) implements ApprovalOutcome {}

    /** Nothing to do: not a pause awaiting action, not shiplane's deployment, or this wait already announced. */
    record Ignored(String why) implements ApprovalOutcome {}
}
