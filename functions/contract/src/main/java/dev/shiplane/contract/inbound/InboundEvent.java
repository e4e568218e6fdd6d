package dev.shiplane.contract.inbound;

import dev.shiplane.core.deploy.EcsDeploymentEvent;
import dev.shiplane.core.ecsengine.HookStateChange;
import dev.shiplane.core.events.CanaryStepDue;
import dev.shiplane.core.events.PromotionCleared;
import dev.shiplane.core.events.PromotionDue;
import dev.shiplane.core.events.DeployRequested;
import dev.shiplane.core.events.DeploymentSucceeded;
import dev.shiplane.core.events.RedeployRequested;
import dev.shiplane.core.events.RollbackRequested;
import dev.shiplane.core.events.RolloutCommand;
import dev.shiplane.core.events.ScanTimeoutDue;
import dev.shiplane.core.events.HealthCheckDue;
import dev.shiplane.core.gate.ImageScanned;
import dev.shiplane.core.events.VerificationDue;
import dev.shiplane.core.image.ImagePush;

/** An EventBridge event a shiplane function receives, recognised by its source and detail-type. */
public sealed interface InboundEvent {

    /** The EventBridge envelope id: unique per event, repeated when EventBridge or Lambda redelivers it. */
    String eventId();

    /** {@code aws.ecr} / {@code ECR Image Action}. Only successful pushes become an {@link ImagePush}. */
    record EcrImageAction(String eventId, String actionType, String result, ImagePush push) implements InboundEvent {
        public boolean isSuccessfulPush() {
            return "PUSH".equals(actionType) && "SUCCESS".equals(result) && push != null;
        }
    }

    /** {@code shiplane} / {@code Image Pushed}: a normalised push from any registry. */
    record ImagePushedEvent(String eventId, ImagePush push) implements InboundEvent {}

    /** {@code aws.ecs} / {@code ECS Deployment State Change}. */
    record EcsDeployment(String eventId, EcsDeploymentEvent event) implements InboundEvent {}

    /** {@code shiplane} / {@code Promotion Due}, from a one-shot schedule. */
    record Promotion(String eventId, PromotionDue due) implements InboundEvent {}

    /**
     * {@code shiplane} / {@code Promotion Cleared}, forwarded from the source environment's account.
     *
     * @param account the envelope's {@code account}: EventBridge keeps the sender's account on a forwarded event
     */
    record PromotionClearance(String eventId, String account, PromotionCleared cleared) implements InboundEvent {}

    /** {@code shiplane} / {@code Canary Step Due}, from a one-shot schedule. */
    record CanaryStep(String eventId, CanaryStepDue due) implements InboundEvent {}

    /** {@code shiplane} / {@code Promote|Abort|Pause|Resume Requested}, from an operator. */
    record RolloutRequest(String eventId, RolloutCommand command) implements InboundEvent {}

    /** {@code shiplane} / {@code Redeploy Requested}, after a secret rotation or from an operator. */
    record Redeploy(String eventId, RedeployRequested request) implements InboundEvent {}

    /** {@code shiplane} / {@code Deploy Requested}, an operator's manual deploy. */
    record ManualDeploy(String eventId, DeployRequested request) implements InboundEvent {}

    /** {@code shiplane} / {@code Verification Due}, from a one-shot schedule. */
    record Verification(String eventId, VerificationDue due) implements InboundEvent {}

    /** {@code shiplane} / {@code Deployment Succeeded}: the deploy function cleans the service's old revisions. */
    record Succeeded(String eventId, DeploymentSucceeded succeeded) implements InboundEvent {}

    /** {@code shiplane} / {@code Rollback Requested}, from an operator. */
    record RollbackRequest(String eventId, RollbackRequested request) implements InboundEvent {}

    /**
     * {@code aws.cloudwatch} / {@code CloudWatch Alarm State Change}, for metric and composite alarms alike.
     *
     * @param state     {@code ALARM}, {@code OK} or {@code INSUFFICIENT_DATA}
     * @param changedAt when the alarm entered {@code state}: {@code detail.state.timestamp}, else the event's
     *                  {@code time}
     */
    record AlarmStateChange(String eventId, String alarmName, String state, String reason, String previousState,
                            java.time.Instant changedAt) implements InboundEvent {
        public boolean firing() {
            return "ALARM".equals(state);
        }
    }

    /**
     * {@code aws.ecr} / {@code ECR Image Scan} (basic scanning), or {@code aws.inspector2} / {@code Inspector2 Scan}
     * (enhanced scanning's initial scan): a scan result that resumes or blocks deployments held for it.
     */
    record ImageScan(String eventId, ImageScanned scan) implements InboundEvent {}

    /** {@code shiplane} / {@code Scan Timeout Due}, from a one-shot schedule. */
    record ScanTimeout(String eventId, ScanTimeoutDue due) implements InboundEvent {}

    /** {@code shiplane} / {@code Health Check Due}: one attempt of a health or smoke check, for the checks function. */
    record HealthCheck(String eventId, HealthCheckDue due) implements InboundEvent {}

    /**
     * {@code shiplane} / {@code Gate Passed} or {@code Gate Failed}: for the canary function, the outcome of a
     * {@code pre-traffic} or {@code post-promotion} check ({@code check} names it; absent for the scan gate).
     */
    record GateResult(String eventId, boolean passed, String gate, String check, String env, String service,
                      String deploymentId, String evidence) implements InboundEvent {}

    /** {@code aws.ecs} / {@code ECS Hook State Change}: a lifecycle hook of a service deployment changed status. */
    record EcsHookState(String eventId, HookStateChange change) implements InboundEvent {}

    /**
     * {@code aws.cloudformation} / {@code CloudFormation Stack Status Change}.
     *
     * @param status e.g. {@code UPDATE_COMPLETE}, {@code CREATE_COMPLETE}, {@code UPDATE_ROLLBACK_COMPLETE}
     */
    record StackStatusChange(String eventId, String stackId, String status) implements InboundEvent {
        /** The stack now holds what was declared: its settings task definitions are the ones to run. */
        public boolean settled() {
            return "UPDATE_COMPLETE".equals(status) || "CREATE_COMPLETE".equals(status);
        }
    }

    /** Anything else: the function's rules should not have sent it; it is logged and left alone. */
    record Unsupported(String eventId, String source, String detailType) implements InboundEvent {}
}
