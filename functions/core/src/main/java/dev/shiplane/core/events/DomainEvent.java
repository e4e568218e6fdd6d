package dev.shiplane.core.events;

/**
 * What shiplane publishes on its bus ({@code source: shiplane}). The record components are the event's
 * {@code detail}; {@link #detailType()} is its {@code detail-type}. This set is the public API: docs/EVENTS.md
 * describes every field.
 * <p>
 * Every subtype names its detail-type in a constant {@code DETAIL_TYPE}, or, carrying several, lists them in
 * {@code DETAIL_TYPES}: the event catalogue test enumerates this sealed hierarchy through them and requires a sample,
 * a round trip and a docs/EVENTS.md row for each.
 */
public sealed interface DomainEvent
        permits ImagePushed, DeploymentStarted, DeploymentSkipped, DeploymentSucceeded, DeploymentFailed,
                RedeployRequested, SecretRotated, RotationFailed, RotationRequested, TrafficShifted, CanaryStepDue,
                DeploymentAborted, DeploymentRolledBack, RolloutPaused, RolloutResumed, RolloutCommand, PromotionDue,
                VerificationDue, DeploymentVerified, RollbackRequested, RollbackFailed, GatePassed, GateFailed,
                DeploymentBlocked, ScanTimeoutDue, DeployRequested, HealthCheckDue, FreezeStarted, FreezeLifted,
                ApprovalRequested, RequestRefused, PromotionCleared {

    String SOURCE = "shiplane";

    String detailType();
}
