package dev.shiplane.infra;

import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.RollbackRequested;
import java.util.List;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The rollback function family: a managed service goes back to its last known-good revision and stable weights.
 * The function (child {@code Resource}) hears three rules: {@code GateAlarmRule} (default bus: one of the
 * services' gate alarms went into {@code ALARM}; absent when no service names an alarm),
 * {@code EcsDeploymentFailedRule} (default bus: ECS reported {@code SERVICE_DEPLOYMENT_FAILED}, e.g. the circuit
 * breaker tripped) and {@code RollbackRequestedRule} (shiplane's bus: an operator's request). Every rule invokes
 * the alias {@value SnapStartJavaFunction#ALIAS_NAME} with retries and a dead-letter queue.
 */
public final class AlarmRollback extends Construct {

    static final String HANDLER = "dev.shiplane.rollback.RollbackHandler::handleRequest";
    static final String SERVICE_NAME = "shiplane-rollback";

    private final DeliveryFunction delivery;

    public AlarmRollback(Construct scope, String id, AlarmRollbackProps props) {
        super(scope, id);
        // 1024 MB / 60 s (AlarmRollbackProps): the same work per service as a canary step, but an emergency request
        // rolls back every service of an environment in one invocation; 60 s leaves room for that while staying
        // well inside the 120 s lease.
        delivery = new DeliveryFunction(this, new DeliveryFunction.Settings(
                "shiplane: roll back on a gate alarm, an ECS deployment failure or a request", HANDLER, SERVICE_NAME,
                props.code(), props.memorySize(), props.timeout(), props.leaseDuration(), props.logRetention(),
                props.logLevel()), props.core(), props.ecsServices());
        SnapStartJavaFunction.reserveConcurrency(delivery.function(), props.reservedConcurrency());

        if (!props.alarmNames().isEmpty()) {
            delivery.addTrigger("GateAlarmRule", null, DeployEventPatterns.gateAlarm(props.alarmNames()),
                    "shiplane: a managed service's gate alarm went into ALARM");
        }
        var clusters = props.ecsServices().stream().map(EcsServiceRef::cluster).distinct().sorted().toList();
        delivery.addTrigger("EcsDeploymentFailedRule", null, DeployEventPatterns.ecsDeploymentFailed(clusters),
                "shiplane: an ECS service deployment failed");
        delivery.addTrigger("RollbackRequestedRule", props.core().getBus(), EventPattern.builder()
                        .source(List.of(DomainEvent.SOURCE))
                        .detailType(List.of(RollbackRequested.DETAIL_TYPE))
                        .build(),
                "shiplane: an operator asks to roll back a service or a whole environment");
    }

    /** The rollback function; invoke it through {@link #getAlias()}. */
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

    /** A rollback of a service on ECS's engine is an update through its hooks, like a deployment. */
    public void addEcsHooks(EcsLifecycleHooks hooks) {
        hooks.letUpdateNativeServices(delivery.function());
    }
}
