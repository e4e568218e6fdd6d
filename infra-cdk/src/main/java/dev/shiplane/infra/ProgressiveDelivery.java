package dev.shiplane.infra;

import dev.shiplane.core.events.CanaryStepDue;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.RolloutCommand;
import dev.shiplane.core.events.GateFailed;
import dev.shiplane.core.events.GatePassed;
import dev.shiplane.core.gate.HttpCheck;
import java.util.Map;
import java.util.Arrays;
import java.util.List;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The canary function family: progressive rollouts (canary, linear, blue-green) step by step. The function
 * (child {@code Resource}) hears three rules on shiplane's bus, {@code CanaryStepDueRule} (the one-shot schedule of
 * the next step fired), {@code OperatorRequestRule} ({@code Promote|Abort|Pause|Resume Requested}) and
 * {@code CheckResultRule} ({@code Gate Passed|Failed} of the pre-traffic and post-promotion checks), all
 * invoking the alias {@value SnapStartJavaFunction#ALIAS_NAME} with retries and a dead-letter queue. Between steps
 * nothing runs: each step schedules the next through EventBridge Scheduler.
 */
public final class ProgressiveDelivery extends Construct {

    static final String HANDLER = "dev.shiplane.canary.CanaryHandler::handleRequest";
    static final String SERVICE_NAME = "shiplane-canary";
    static final List<String> OPERATOR_REQUESTS =
            Arrays.stream(RolloutCommand.Kind.values()).map(RolloutCommand.Kind::detailType).toList();

    private final DeliveryFunction delivery;

    public ProgressiveDelivery(Construct scope, String id, ProgressiveDeliveryProps props) {
        super(scope, id);
        // 1024 MB / 30 s (ProgressiveDeliveryProps): a step is the deploy function's kind of work (ledger, alarms,
        // one ModifyRule, maybe a scale-down, the next schedule), so the same size.
        delivery = new DeliveryFunction(this, new DeliveryFunction.Settings(
                "shiplane: canary steps, gates and operator requests", HANDLER, SERVICE_NAME, props.code(),
                props.memorySize(), props.timeout(), props.leaseDuration(), props.logRetention(), props.logLevel()),
                props.core(), props.ecsServices());

        delivery.addTrigger("CanaryStepDueRule", props.core().getBus(), EventPattern.builder()
                        .source(List.of(DomainEvent.SOURCE))
                        .detailType(List.of(CanaryStepDue.DETAIL_TYPE))
                        .build(),
                "shiplane: the next traffic step of a rollout is due");
        delivery.addTrigger("OperatorRequestRule", props.core().getBus(), EventPattern.builder()
                        .source(List.of(DomainEvent.SOURCE))
                        .detailType(OPERATOR_REQUESTS)
                        .build(),
                "shiplane: an operator promotes, aborts, pauses or resumes a rollout");
        delivery.addTrigger("CheckResultRule", props.core().getBus(), EventPattern.builder()
                        .source(List.of(DomainEvent.SOURCE))
                        .detailType(List.of(GatePassed.DETAIL_TYPE, GateFailed.DETAIL_TYPE))
                        .detail(Map.of("gate", Arrays.stream(HttpCheck.Phase.values()).map(HttpCheck.Phase::code)
                                .toList()))
                        .build(),
                "shiplane: a health or smoke check of a rollout passed or failed");
    }

    /**
     * {@code shiplane promote} and {@code abort} of services on ECS's engine: continue or roll back a paused
     * deployment, stop one, and find it.
     */
    public void addEcsEngineControl(List<EcsServiceRef> nativeServices) {
        var function = delivery.function();
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("ecs:ContinueServiceDeployment", "ecs:StopServiceDeployment"))
                .resources(EcsDeployPermissions.serviceDeploymentArns(this, nativeServices))
                .build());
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("ecs:ListServiceDeployments"))
                .resources(EcsDeployPermissions.serviceArns(this, nativeServices))
                .build());
        DeliveryFunction.suppressWildcards(function, List.of(DeliveryFunction.ecsResourceWildcards(
                "service-deployment", "Deployments of the services on ECS's engine only: their ids are ECS's,"
                        + " known once one starts")));
    }

    /** The canary function; invoke it through {@link #getAlias()}. */
    public IFunction getFunction() {
        return delivery.function();
    }

    public Alias getAlias() {
        return delivery.alias();
    }

    /** Events that exhausted their retries; alarm on its depth and replay from it. */
    public IQueue getDeadLetterQueue() {
        return delivery.deadLetters();
    }
}
