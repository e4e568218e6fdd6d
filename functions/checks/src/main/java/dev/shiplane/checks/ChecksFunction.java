package dev.shiplane.checks;

import static dev.shiplane.contract.environment.DeliveryEnvironment.BUS_ARN;
import static dev.shiplane.contract.environment.DeliveryEnvironment.BUS_NAME;
import static dev.shiplane.contract.environment.DeliveryEnvironment.SCHEDULER_ROLE_ARN;
import static dev.shiplane.contract.environment.DeliveryEnvironment.SCHEDULE_GROUP;

import dev.shiplane.aws.AwsClients;
import dev.shiplane.aws.DeliveryAdapters;
import dev.shiplane.aws.EventBridgeBus;
import dev.shiplane.aws.EventBridgeOneShotScheduler;
import dev.shiplane.contract.SampleEventPriming;
import dev.shiplane.contract.inbound.EventParser;
import dev.shiplane.contract.inbound.ServedEvents;
import dev.shiplane.core.config.ServedEnvironments;
import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.contract.inbound.InboundEvent;
import dev.shiplane.core.healthcheck.HealthCheckService;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * The checks function's composition root and entry point: each {@code Health Check Due} is one bounded HTTP request
 * to the service. It runs in the services' network (VPC) and touches no ledger: results go on the bus for the canary
 * function, further attempts are one-shot schedules.
 *
 * <p>Environment: {@value DeliveryAdapters#BUS_NAME}, {@value DeliveryAdapters#BUS_ARN},
 * {@value DeliveryAdapters#SCHEDULE_GROUP}, {@value DeliveryAdapters#SCHEDULER_ROLE_ARN}.
 */
public final class ChecksFunction {

    private static final Logger LOG = LoggerFactory.getLogger(ChecksFunction.class);

    /** The environments this function's delivery stack serves; events for the others are left to theirs. */
    private ServedEnvironments served = ServedEnvironments.all();

    private final HealthCheckService checks;
    private final AwsClients clients;
    private final JdkHttpProbe probe;

    ChecksFunction(HealthCheckService checks, AwsClients clients, JdkHttpProbe probe) {
        this.checks = checks;
        this.clients = clients;
        this.probe = probe;
    }

    public static ChecksFunction fromEnvironment(Map<String, String> env, Clock clock) {
        var configured = DeliveryEnvironment.configured(env);
        var served = configured.served();
        var config = configured.config();
        var aws = new AwsClients(env);
        var bus = new EventBridgeBus(aws.lazy(EventBridgeClient.class, EventBridgeClient::builder),
                aws.required(BUS_NAME));
        var scheduler = new EventBridgeOneShotScheduler(aws.lazy(SchedulerClient.class, SchedulerClient::builder),
                env.getOrDefault(SCHEDULE_GROUP, "shiplane"), aws.required(BUS_ARN),
                aws.required(SCHEDULER_ROLE_ARN));
        var probe = new JdkHttpProbe();
        var function = new ChecksFunction(new HealthCheckService(config, probe, bus, scheduler, clock), aws, probe);
        function.served = served;
        return function;
    }

    /** SnapStart priming: SDK clients built and warmed, the probe's client built, samples parsed; no call goes out. */
    public void prime() {
        clients.prime();
        probe.client();
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
            case InboundEvent.HealthCheck check -> checks.attempt(check.due()).text();
            default -> "ignored: " + inbound.getClass().getSimpleName() + " is not for the checks function";
        };
        LOG.info("event {}: {}", inbound.eventId(), result);
        return result;
    }
}
