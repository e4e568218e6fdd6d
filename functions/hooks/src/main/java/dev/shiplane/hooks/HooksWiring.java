package dev.shiplane.hooks;

import dev.shiplane.aws.AwsClients;
import dev.shiplane.aws.DeliveryAdapters;
import dev.shiplane.aws.DynamoDbDeliveryRegistry;
import dev.shiplane.aws.DynamoDbFreezes;
import dev.shiplane.aws.DynamoDbLedger;
import dev.shiplane.aws.DynamoDbScanRecords;
import dev.shiplane.aws.EcrImageScans;
import dev.shiplane.aws.EventBridgeBus;
import dev.shiplane.checks.JdkHttpProbe;
import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.core.ecsengine.HookService;
import dev.shiplane.core.observability.MeteredEventBus;
import dev.shiplane.runtime.PowertoolsDeliveryMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The hooks function's composition root: the adapters {@link HookService} asks, built once per execution
 * environment (SDK clients on first use, or by SnapStart priming).
 *
 * <p>Environment: {@value DeliveryAdapters#BUS_NAME}, {@value DeliveryAdapters#LEDGER_TABLE} (the ledger, freezes,
 * scan records and the claims of hook announcements, {@code pk = HOOK#<execution>#<stage>#<invocation>#<weight>}).
 */
final class HooksWiring {

    private static final Logger LOG = LoggerFactory.getLogger(HooksWiring.class);

    /** The partition prefix of hook announcement claims in the ledger table. */
    static final String CLAIM_PREFIX = "HOOK#";
    static final List<String> SAMPLES = List.of("ecs-lifecycle-hook-pre-scale-up.json",
            "ecs-lifecycle-hook-post-test-traffic-shift.json", "ecs-lifecycle-hook-production-traffic-shift.json",
            "ecs-lifecycle-hook-post-production-traffic-shift.json");

    final HookService hooks;
    private final AwsClients clients;

    private HooksWiring(HookService hooks, AwsClients clients) {
        this.hooks = hooks;
        this.clients = clients;
    }

    static HooksWiring fromEnvironment(Map<String, String> env, Clock clock) {
        // ECS calls the hooks of its own account's services only; those of environments served elsewhere are unknown here.
        var serving = DeliveryEnvironment.configured(env);
        var config = serving.config();
        var aws = new AwsClients(env);
        var dynamo = aws.lazy(DynamoDbClient.class, DynamoDbClient::builder);
        var table = aws.required(DeliveryEnvironment.LEDGER_TABLE);
        var bus = new MeteredEventBus(new EventBridgeBus(aws.lazy(EventBridgeClient.class, EventBridgeClient::builder),
                aws.required(DeliveryEnvironment.BUS_NAME)), new PowertoolsDeliveryMetrics(env));
        var hooks = new HookService(config, new DynamoDbLedger(dynamo, table, DeliveryAdapters.ledgerRetention(env)),
                new DynamoDbFreezes(dynamo, table),
                new DynamoDbScanRecords(dynamo, table),
                new EcrImageScans(aws.lazy(EcrClient.class, EcrClient::builder), serving.account()),
                new JdkHttpProbe(), bus, new DynamoDbDeliveryRegistry(dynamo, table, CLAIM_PREFIX, "hook-announcement"),
                clock);
        return new HooksWiring(hooks, aws);
    }

    /** SnapStart priming: SDK clients built and warmed, AWS's sample payloads read; nothing reaches AWS. */
    void prime() {
        clients.prime();
        int parsed = 0;
        for (var sample : SAMPLES) {
            try (InputStream in = HooksWiring.class.getResourceAsStream("/dev/shiplane/hooks/samples/" + sample)) {
                if (in == null) continue;
                HookPayload.invocation(in.readAllBytes());
                parsed++;
            } catch (IOException | RuntimeException skipped) {
                // best effort: priming must not fail a SnapStart publication
            }
        }
        LOG.info("SnapStart priming: {} of {} sample events parsed", parsed, SAMPLES.size());
    }
}
