package dev.shiplane.aws;

import static dev.shiplane.contract.environment.DeliveryEnvironment.BUS_ARN;
import static dev.shiplane.contract.environment.DeliveryEnvironment.BUS_NAME;
import static dev.shiplane.contract.environment.DeliveryEnvironment.HOOKS_FUNCTION_ARN;
import static dev.shiplane.contract.environment.DeliveryEnvironment.HOOKS_ROLE_ARN;
import static dev.shiplane.contract.environment.DeliveryEnvironment.LEASE_SECONDS;
import static dev.shiplane.contract.environment.DeliveryEnvironment.LEDGER_TABLE;
import static dev.shiplane.contract.environment.DeliveryEnvironment.SCHEDULER_ROLE_ARN;
import static dev.shiplane.contract.environment.DeliveryEnvironment.SCHEDULE_GROUP;

import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.observability.DeliveryMetrics;
import dev.shiplane.core.observability.MeteredEventBus;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.rollout.RolloutExecutor;
import dev.shiplane.core.rollout.RolloutService;
import dev.shiplane.core.rollout.RolloutStarter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * The adapters the delivery functions share (ledger, bus, ECS, ALB, Scheduler, CloudWatch), built once from a
 * function's environment in its composition root. Their SDK clients are built on first use ({@link AwsClients#lazy});
 * with SnapStart the priming hook builds them all before the snapshot.
 *
 * <p>Environment: the variables of {@link DeliveryEnvironment}; {@value DeliveryEnvironment#HOOKS_FUNCTION_ARN}
 * and {@value DeliveryEnvironment#HOOKS_ROLE_ARN} only for services on ECS's engine.
 */
public final class DeliveryAdapters {

    public final AwsClients clients;
    public final EcsClient ecs;
    public final EventBus bus;
    public final DynamoDbLedger ledger;
    public final EcsServiceRollouts serviceRollouts;
    public final EventBridgeOneShotScheduler scheduler;
    public final AlbWeightedTrafficRouter router;
    public final CloudWatchAlarmReader alarms;
    public final DynamoDbScanRecords scanRecords;
    /** The function's one clock: Lambda's is the system's; the sandbox's is its story's. */
    public final Clock clock;
    public final Duration lease;

    /**
     * @param metrics recorded from the events published on the bus (see {@link MeteredEventBus})
     * @param clock   what every use case built here reads the time from
     */
    public DeliveryAdapters(AwsClients aws, Map<String, String> env, DeliveryMetrics metrics, Clock clock) {
        this.clients = aws;
        this.clock = clock;
        this.ecs = aws.lazy(EcsClient.class, EcsClient::builder);
        this.bus = new MeteredEventBus(
                new EventBridgeBus(aws.lazy(EventBridgeClient.class, EventBridgeClient::builder), aws.required(BUS_NAME)), metrics);
        var dynamo = aws.lazy(DynamoDbClient.class, DynamoDbClient::builder);
        this.ledger = new DynamoDbLedger(dynamo, aws.required(LEDGER_TABLE), ledgerRetention(env));
        this.scanRecords = new DynamoDbScanRecords(dynamo, aws.required(LEDGER_TABLE));
        this.serviceRollouts = new EcsServiceRollouts(ecs, new EcsNativeDeploymentConfiguration(
                env.get(HOOKS_FUNCTION_ARN),
                env.get(HOOKS_ROLE_ARN)));
        this.scheduler = new EventBridgeOneShotScheduler(aws.lazy(SchedulerClient.class, SchedulerClient::builder),
                env.getOrDefault(SCHEDULE_GROUP, "shiplane"), aws.required(BUS_ARN), aws.required(SCHEDULER_ROLE_ARN));
        this.router = new AlbWeightedTrafficRouter(aws.lazy(ElasticLoadBalancingV2Client.class, ElasticLoadBalancingV2Client::builder));
        this.alarms = new CloudWatchAlarmReader(aws.lazy(CloudWatchClient.class, CloudWatchClient::builder));
        this.lease = Duration.ofSeconds(Long.parseLong(env.getOrDefault(LEASE_SECONDS, "120")));
    }

    /** {@value DeliveryEnvironment#LEDGER_RETENTION_DAYS}, else {@link DynamoDbLedger#DEFAULT_RETENTION}. */
    public static Duration ledgerRetention(Map<String, String> env) {
        var days = env.get(DeliveryEnvironment.LEDGER_RETENTION_DAYS);
        return days == null || days.isBlank() ? DynamoDbLedger.DEFAULT_RETENTION : Duration.ofDays(Long.parseLong(days));
    }

    public RolloutExecutor rolloutExecutor() {
        return new RolloutExecutor(router, serviceRollouts, scheduler, bus);
    }

    public RolloutStarter rolloutStarter() {
        return new RolloutStarter(serviceRollouts, router, rolloutExecutor(), clock);
    }

    public RolloutService rolloutService(ShiplaneConfig config) {
        return new RolloutService(config, ledger, rolloutExecutor(), alarms, clock, lease);
    }
}
