package dev.shiplane.contract;

import dev.shiplane.core.events.ApprovalRequested;
import dev.shiplane.core.events.CanaryStepDue;
import dev.shiplane.core.events.DeployRequested;
import dev.shiplane.core.events.DeploymentAborted;
import dev.shiplane.core.events.DeploymentBlocked;
import dev.shiplane.core.events.DeploymentFailed;
import dev.shiplane.core.events.DeploymentRolledBack;
import dev.shiplane.core.events.DeploymentSkipped;
import dev.shiplane.core.events.DeploymentStarted;
import dev.shiplane.core.events.DeploymentSucceeded;
import dev.shiplane.core.events.DeploymentVerified;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.FreezeLifted;
import dev.shiplane.core.events.FreezeStarted;
import dev.shiplane.core.events.RequestRefused;
import dev.shiplane.core.events.GateFailed;
import dev.shiplane.core.events.GatePassed;
import dev.shiplane.core.events.HealthCheckDue;
import dev.shiplane.core.events.ImagePushed;
import dev.shiplane.core.events.PromotionCleared;
import dev.shiplane.core.events.PromotionDue;
import dev.shiplane.core.events.RedeployRequested;
import dev.shiplane.core.events.RollbackFailed;
import dev.shiplane.core.events.RollbackRequested;
import dev.shiplane.core.events.RolloutCommand;
import dev.shiplane.core.events.RolloutPaused;
import dev.shiplane.core.events.RolloutResumed;
import dev.shiplane.core.events.RotationFailed;
import dev.shiplane.core.events.RotationRequested;
import dev.shiplane.core.events.ScanTimeoutDue;
import dev.shiplane.core.events.SecretRotated;
import dev.shiplane.core.events.TrafficShifted;
import dev.shiplane.core.events.VerificationDue;
import java.util.Map;

/** Which record a shiplane event's {@code detail} is, by its {@code detail-type}. */
public final class DetailTypes {

    // One entry per detail-type shiplane publishes; EventCatalogueTest checks it against DomainEvent's permits.
    private static final Map<String, Class<? extends DomainEvent>> BY_DETAIL_TYPE = Map.ofEntries(
            Map.entry(ImagePushed.DETAIL_TYPE, ImagePushed.class),
            Map.entry(DeploymentStarted.DETAIL_TYPE, DeploymentStarted.class),
            Map.entry(DeploymentSkipped.DETAIL_TYPE, DeploymentSkipped.class),
            Map.entry(DeploymentSucceeded.DETAIL_TYPE, DeploymentSucceeded.class),
            Map.entry(DeploymentFailed.DETAIL_TYPE, DeploymentFailed.class),
            Map.entry(RedeployRequested.DETAIL_TYPE, RedeployRequested.class),
            Map.entry(SecretRotated.DETAIL_TYPE, SecretRotated.class),
            Map.entry(RotationFailed.DETAIL_TYPE, RotationFailed.class),
            Map.entry(RotationRequested.DETAIL_TYPE, RotationRequested.class),
            Map.entry(TrafficShifted.DETAIL_TYPE, TrafficShifted.class),
            Map.entry(CanaryStepDue.DETAIL_TYPE, CanaryStepDue.class),
            Map.entry(DeploymentAborted.DETAIL_TYPE, DeploymentAborted.class),
            Map.entry(DeploymentRolledBack.DETAIL_TYPE, DeploymentRolledBack.class),
            Map.entry(RolloutPaused.DETAIL_TYPE, RolloutPaused.class),
            Map.entry(RolloutResumed.DETAIL_TYPE, RolloutResumed.class),
            Map.entry(RolloutCommand.Kind.PROMOTE.detailType(), RolloutCommand.class),
            Map.entry(RolloutCommand.Kind.ABORT.detailType(), RolloutCommand.class),
            Map.entry(RolloutCommand.Kind.PAUSE.detailType(), RolloutCommand.class),
            Map.entry(RolloutCommand.Kind.RESUME.detailType(), RolloutCommand.class),
            Map.entry(PromotionDue.DETAIL_TYPE, PromotionDue.class),
            Map.entry(PromotionCleared.DETAIL_TYPE, PromotionCleared.class),
            Map.entry(VerificationDue.DETAIL_TYPE, VerificationDue.class),
            Map.entry(DeploymentVerified.DETAIL_TYPE, DeploymentVerified.class),
            Map.entry(RollbackRequested.DETAIL_TYPE, RollbackRequested.class),
            Map.entry(RollbackFailed.DETAIL_TYPE, RollbackFailed.class),
            Map.entry(GatePassed.DETAIL_TYPE, GatePassed.class),
            Map.entry(GateFailed.DETAIL_TYPE, GateFailed.class),
            Map.entry(DeploymentBlocked.DETAIL_TYPE, DeploymentBlocked.class),
            Map.entry(ScanTimeoutDue.DETAIL_TYPE, ScanTimeoutDue.class),
            Map.entry(HealthCheckDue.DETAIL_TYPE, HealthCheckDue.class),
            Map.entry(DeployRequested.DETAIL_TYPE, DeployRequested.class),
            Map.entry(FreezeStarted.DETAIL_TYPE, FreezeStarted.class),
            Map.entry(FreezeLifted.DETAIL_TYPE, FreezeLifted.class),
            Map.entry(RequestRefused.DETAIL_TYPE, RequestRefused.class),
            Map.entry(ApprovalRequested.DETAIL_TYPE, ApprovalRequested.class));

    private DetailTypes() {}

    /** The record of {@code detailType}'s detail, or {@code null} when shiplane does not publish it. */
    public static Class<? extends DomainEvent> recordOf(String detailType) {
        return BY_DETAIL_TYPE.get(detailType);
    }
}
