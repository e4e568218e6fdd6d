package dev.shiplane.deploy;

import dev.shiplane.aws.AwsClients;
import dev.shiplane.aws.DynamoDbLedger;
import dev.shiplane.aws.EcsServiceRollouts;
import dev.shiplane.aws.EcsTaskDefinitions;
import dev.shiplane.aws.EventBridgeBus;
import dev.shiplane.contract.config.ConfigLoader;
import dev.shiplane.contract.inbound.EventParser;
import dev.shiplane.contract.inbound.InboundEvent;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.deploy.DeployService;
import dev.shiplane.core.deploy.DeploymentCompletion;
import dev.shiplane.core.deploy.PushAnnouncer;
import dev.shiplane.core.deploy.TargetOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The deploy function's composition root and its one entry point. Three events reach it:
 * {@code ECR Image Action} (announced as {@code Image Pushed}), {@code Image Pushed} (deployed) and
 * {@code ECS Deployment State Change} (closes the deployment).
 */
public final class DeployFunction {

    public static final String BUS_ENV = "SHIPLANE_BUS_NAME";
    public static final String LEDGER_ENV = "SHIPLANE_LEDGER_TABLE";
    public static final String LEASE_ENV = "SHIPLANE_LEASE_SECONDS";

    private static final Logger LOG = LoggerFactory.getLogger(DeployFunction.class);

    private final PushAnnouncer pushes;
    private final DeployService deployments;
    private final DeploymentCompletion completions;

    DeployFunction(PushAnnouncer pushes, DeployService deployments, DeploymentCompletion completions) {
        this.pushes = pushes;
        this.deployments = deployments;
        this.completions = completions;
    }

    /** Wires the function from its environment: AWS clients are built once and reused across invocations. */
    public static DeployFunction fromEnvironment(Map<String, String> env) {
        var aws = new AwsClients(env);
        ShiplaneConfig config = ConfigLoader.fromEnvironment(env);
        EcsClient ecs = aws.build(EcsClient.builder());
        var bus = new EventBridgeBus(aws.build(EventBridgeClient.builder()), aws.required(BUS_ENV));
        var ledger = new DynamoDbLedger(aws.build(DynamoDbClient.builder()), aws.required(LEDGER_ENV));
        var clock = Clock.systemUTC();
        // The lease outlives the function timeout, so a live invocation never loses it mid-flight.
        var lease = Duration.ofSeconds(Long.parseLong(env.getOrDefault(LEASE_ENV, "120")));
        return new DeployFunction(new PushAnnouncer(bus),
                new DeployService(config, new EcsTaskDefinitions(ecs), new EcsServiceRollouts(ecs), ledger, bus, clock,
                        lease),
                new DeploymentCompletion(config, ledger, bus, clock));
    }

    /** Handles one event and returns a one-line JSON summary (the invocation's result). */
    public String handle(byte[] event) {
        var inbound = EventParser.parse(event);
        var result = switch (inbound) {
            case InboundEvent.EcrImageAction ecr when ecr.isSuccessfulPush() -> {
                pushes.announce(ecr.push());
                yield "announced " + ecr.push().displayName();
            }
            case InboundEvent.EcrImageAction ecr -> "ignored: ECR " + ecr.actionType() + " " + ecr.result();
            case InboundEvent.ImagePushedEvent pushed -> describe(deployments.deploy(pushed.push()));
            case InboundEvent.EcsDeployment ecs -> completions.onEcsDeploymentEvent(ecs.event());
            case InboundEvent.Unsupported other -> "ignored: unsupported event " + other.source() + " / "
                    + other.detailType();
        };
        LOG.info("event {}: {}", inbound.eventId(), result);
        return result;
    }

    private static String describe(List<TargetOutcome> outcomes) {
        return String.join("; ", outcomes.stream()
                .map(o -> o.env() == null ? o.result() : o.env() + "/" + o.service() + " " + o.result())
                .toList());
    }
}
