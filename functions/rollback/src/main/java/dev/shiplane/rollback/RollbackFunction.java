package dev.shiplane.rollback;

import dev.shiplane.aws.AwsClients;
import dev.shiplane.aws.DeliveryAdapters;
import dev.shiplane.contract.SampleEventPriming;
import dev.shiplane.runtime.PowertoolsDeliveryMetrics;
import dev.shiplane.contract.inbound.EventParser;
import dev.shiplane.contract.inbound.ServedEvents;
import dev.shiplane.core.config.ServedEnvironments;
import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.contract.inbound.InboundEvent;
import dev.shiplane.core.deploy.EcsDeploymentEvent;
import dev.shiplane.core.rollback.RollbackService;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rollback function's composition root and entry point: a gate alarm going to ALARM, an ECS deployment
 * failure, or an operator's {@code Rollback Requested} (one service, or a whole environment in an emergency).
 */
public final class RollbackFunction {

    private static final Logger LOG = LoggerFactory.getLogger(RollbackFunction.class);

    /** The environments this function's delivery stack serves; events for the others are left to theirs. */
    private ServedEnvironments served = ServedEnvironments.all();

    private final RollbackService rollbacks;
    private AwsClients clients;

    RollbackFunction(RollbackService rollbacks) {
        this.rollbacks = rollbacks;
    }

    public static RollbackFunction fromEnvironment(Map<String, String> env, Clock clock) {
        return fromEnvironment(env, new AwsClients(env), clock);
    }

    /** With the given clients (tests count the API calls a rollback makes through them). */
    public static RollbackFunction fromEnvironment(Map<String, String> env, AwsClients clients, Clock clock) {
        var configured = DeliveryEnvironment.configured(env);
        var served = configured.served();
        var config = configured.config();
        var aws = new DeliveryAdapters(clients, env, new PowertoolsDeliveryMetrics(env), clock);
        var function = new RollbackFunction(new RollbackService(config, aws.ledger, aws.rolloutService(config),
                aws.rolloutExecutor(), aws.bus, aws.clock, aws.lease));
        function.served = served;
        function.clients = clients;
        return function;
    }

    /** SnapStart priming: its SDK clients built and warmed, its parser run over samples; nothing reaches AWS. */
    public void prime() {
        if (clients != null) {
            clients.prime();
        }
        SampleEventPriming.parseWith(EventParser::parse);
    }

    public String handle(byte[] event) {
        var inbound = EventParser.parse(event);
        var notServed = ServedEvents.notServed(served, inbound);
        if (notServed.isPresent()) {
            LOG.info("event {}: ignored: {}", inbound.eventId(), notServed.get());
            return "ignored: " + notServed.get();
        }
        var result = switch (inbound) {
            case InboundEvent.AlarmStateChange alarm when alarm.firing() ->
                    rollbacks.onAlarm(alarm.eventId(), alarm.alarmName(), alarm.reason(), alarm.changedAt()).text();
            case InboundEvent.AlarmStateChange alarm -> "ignored: " + alarm.alarmName() + " is " + alarm.state();
            case InboundEvent.EcsDeployment ecs when EcsDeploymentEvent.FAILED.equals(ecs.event().eventName()) ->
                    rollbacks.onEcsFailure(ecs.eventId(), ecs.event().cluster(), ecs.event().ecsService(),
                            ecs.event().ecsDeploymentId(), ecs.event().reason() == null
                                    ? "ECS reported the deployment failed" : ecs.event().reason()).text();
            case InboundEvent.RollbackRequest r -> rollbacks.onRequest(r.request().requestId(), r.request().env(),
                    r.request().all() ? null : r.request().service(), r.request().requestedBy(), r.request().reason())
                    .text();
            default -> "ignored: " + inbound.getClass().getSimpleName() + " is not for the rollback function";
        };
        LOG.info("event {}: {}", inbound.eventId(), result);
        return result;
    }
}
