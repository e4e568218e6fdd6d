package dev.shiplane.canary;

import dev.shiplane.aws.AwsClients;
import dev.shiplane.aws.DeliveryAdapters;
import dev.shiplane.aws.EcsServiceDeployments;
import dev.shiplane.contract.SampleEventPriming;
import dev.shiplane.runtime.PowertoolsDeliveryMetrics;
import dev.shiplane.contract.inbound.EventParser;
import dev.shiplane.contract.inbound.ServedEvents;
import dev.shiplane.core.config.ServedEnvironments;
import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.contract.inbound.InboundEvent;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.events.RolloutCommand;
import dev.shiplane.core.gate.HttpCheck;
import dev.shiplane.core.ecsengine.NativeCommandService;
import dev.shiplane.core.rollout.RolloutService;
import dev.shiplane.core.canary.Signal;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The canary function's composition root and entry point: {@code Canary Step Due} (from one-shot schedules), the
 * checks function's {@code Gate Passed|Failed} for pre-traffic and post-promotion checks, and the operators'
 * {@code Promote|Abort|Pause|Resume Requested} become signals to the service's rollout — or, for a service on ECS's
 * engine, answers to the deployment ECS runs ({@link NativeCommandService}).
 */
public final class CanaryFunction {

    private static final Logger LOG = LoggerFactory.getLogger(CanaryFunction.class);

    /** The environments this function's delivery stack serves; events for the others are left to theirs. */
    private ServedEnvironments served = ServedEnvironments.all();

    private final ShiplaneConfig config;
    private final RolloutService rollouts;
    private final NativeCommandService nativeCommands;
    private AwsClients clients;

    CanaryFunction(ShiplaneConfig config, RolloutService rollouts, NativeCommandService nativeCommands) {
        this.config = config;
        this.rollouts = rollouts;
        this.nativeCommands = nativeCommands;
    }

    public static CanaryFunction fromEnvironment(Map<String, String> env, Clock clock) {
        var configured = DeliveryEnvironment.configured(env);
        var served = configured.served();
        var config = configured.config();
        var aws = new AwsClients(env);
        var adapters = new DeliveryAdapters(aws, env, new PowertoolsDeliveryMetrics(env), clock);
        var function = new CanaryFunction(config, adapters.rolloutService(config),
                // The canary function's own (promote and abort of services on ECS's engine): built here, so the
                // deploy and rollback packages, which share DeliveryAdapters, hold no deployment control call.
                new NativeCommandService(adapters.ledger, new EcsServiceDeployments(adapters.ecs), adapters.bus,
                        adapters.clock, adapters.lease));
        function.served = served;
        function.clients = aws;
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
            case InboundEvent.CanaryStep step -> signal(step.due().env(), step.due().service(),
                    new Signal.StepDue(inbound.eventId(), step.due().deploymentId(), step.due().step()));
            case InboundEvent.RolloutRequest request when onEcsEngine(request.command()) -> config
                    .target(request.command().env(), request.command().service()).map(target ->
                            nativeCommands.handle(target, request.command()).text()).orElseThrow();
            case InboundEvent.RolloutRequest request -> signal(request.command().env(), request.command().service(),
                    signalOf(request.command()));
            case InboundEvent.GateResult gate -> HttpCheck.Phase.fromCode(gate.gate())
                    .map(phase -> signal(gate.env(), gate.service(), gate.passed()
                            ? new Signal.CheckPassed(inbound.eventId(), gate.deploymentId(), phase, gate.check(),
                                    gate.evidence())
                            : new Signal.CheckFailed(inbound.eventId(), gate.deploymentId(), phase, gate.check(),
                                    gate.evidence())))
                    .orElse("ignored: the " + gate.gate() + " gate is not a rollout check");
            default -> "ignored: " + inbound.getClass().getSimpleName() + " is not for the canary function";
        };
        LOG.info("event {}: {}", inbound.eventId(), result);
        return result;
    }

    private String signal(String env, String service, Signal signal) {
        return config.target(env, service)
                .map(target -> target.service().twoColours() ? rollouts.handle(target, signal).text()
                        : "ignored: " + env + "/" + service + " is not a progressive service")
                .orElse("ignored: " + service + " does not run in " + env);
    }

    /** ECS's engine moves this service's traffic: promote and abort answer ECS, not a rollout of shiplane's. */
    private boolean onEcsEngine(RolloutCommand command) {
        return config.target(command.env(), command.service()).map(t -> t.service().onEcsEngine()).orElse(false);
    }

    /** The request id is the idempotency key: the same request delivered twice is the same signal. */
    private static Signal signalOf(RolloutCommand c) {
        return switch (c.kind()) {
            case PROMOTE -> new Signal.PromoteRequested(c.requestId(), c.requestedBy());
            case ABORT -> new Signal.AbortRequested(c.requestId(), c.requestedBy(), c.reason());
            case PAUSE -> new Signal.PauseRequested(c.requestId(), c.requestedBy());
            case RESUME -> new Signal.ResumeRequested(c.requestId(), c.requestedBy());
        };
    }
}
