package dev.shiplane.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.aws.DynamoDbLedger;
import dev.shiplane.cli.ShiplaneCli;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.deploy.DeployHandler;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.EmulatorGateway;
import dev.shiplane.testkit.Emulators;
import dev.shiplane.testkit.LocalContext;
import dev.shiplane.testkit.MotoServer;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The ledger's readers cost the same whatever the history's length: {@code shiplane history}, {@code shiplane status}
 * (with its DORA figures) and a scan result through the deploy function, each counted at the emulator gateway (calls
 * and the items DynamoDB read for them), on a ledger whose service holds 100 deployments and on one where it holds
 * 10,000 (the same newest 100, and 9,900 older ones). The counts must be equal, not merely small. The table is seeded
 * with BatchWriteItem, as the adapter writes items. With {@code -Dshiplane.scale.large=true}, 100,000 deployments
 * across 50 services too (docs/TESTING.md).
 */
@ExtendWith(EmulatorExtension.class)
class LedgerScaleIT {

    static final String TABLE = "shiplane-ledger";
    static final String OPERATOR_KEY = "shiplane-operator";
    static final String CONFIG = "functions/testkit/configs/scan-gate.yml";
    static final ObjectMapper JSON = new ObjectMapper();
    static final int RECENT = 100;

    /** What one operation cost: its calls in order, each with the items DynamoDB read for it. */
    record Cost(List<String> calls) {
        long items() {
            return calls.stream().mapToLong(c -> Long.parseLong(c.substring(c.indexOf(':') + 1))).sum();
        }
    }

    @Test
    void historyStatusAndTheScanPath_readTheSame_for100And10000Deployments(TestAws aws) {
        var few = measure(aws, RECENT, 0);
        var many = measure(aws, 10_000, 0);

        assertThat(many).as("10,000 deployments against 100").isEqualTo(few);
        // and what they are: history reads its 20; status per service the head and the period's deployments (web,
        // never deployed, also looks for a newest one); a scan result records itself and reads the newest 20
        // deployments of the scanned repository's service in each gated environment (staging's api has none)
        assertThat(few.get("shiplane history prod api").calls()).containsExactly("Query:20");
        assertThat(few.get("shiplane status prod").calls())
                .containsExactly("GetItem:0", "Query:0", "Query:0", "GetItem:1", "Query:100");
        assertThat(few.get("ECR scan result → deploy function").calls())
                .containsExactly("PutItem:0", "Query:0", "Query:20");

    }

    @Test
    @EnabledIfSystemProperty(named = "shiplane.scale.large", matches = "true")
    void aHundredThousandDeploymentsAcrossFiftyServices_readTheSameAsAHundred(TestAws aws) {
        var few = measure(aws, RECENT, 0);
        var many = measure(aws, 10_000, 90_000);

        assertThat(many).as("100,000 deployments across 50 services against 100").isEqualTo(few);
    }

    private Map<String, Cost> measure(TestAws aws, int deployments, int elsewhere) {
        aws.emulator().reset();
        aws.createLedgerTable(TABLE);
        var busArn = aws.createBus("shiplane");
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var started = System.nanoTime();
        seed(aws, "prod", "api", deployments, now);
        for (int s = 0; s < 49 && elsewhere > 0; s++) {
            seed(aws, "prod", "other-" + s, elsewhere / 49, now);
        }
        System.out.printf("seeded %,d deployments in %d s%n", deployments + elsewhere,
                Duration.ofNanos(System.nanoTime() - started).toSeconds());

        var deploy = new DeployHandler(aws.environment(Map.of("SHIPLANE_CONFIG_FILE", RepoFiles.path(CONFIG).toString(),
                "SHIPLANE_BUS_NAME", "shiplane", "SHIPLANE_BUS_ARN", busArn,
                "SHIPLANE_SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/scheduler",
                "SHIPLANE_LEDGER_TABLE", TABLE, "AWS_ACCESS_KEY_ID", FunctionCalls.ACCESS_KEY)));
        Map<String, Cost> costs = new LinkedHashMap<>();
        costs.put("shiplane history prod api", counted(OPERATOR_KEY,
                () -> cli(aws, "history", "prod", "api")));
        costs.put("shiplane status prod", counted(OPERATOR_KEY, () -> cli(aws, "status", "prod", "--json")));
        costs.put("ECR scan result → deploy function", counted(FunctionCalls.ACCESS_KEY, () -> {
            var out = new ByteArrayOutputStream();
            try {
                deploy.handleRequest(new ByteArrayInputStream(RepoFiles.bytes("events/aws/ecr-image-scan-clean.json")),
                        out, LocalContext.of("deploy"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        System.out.printf("%,d deployments: %s%n", deployments + elsewhere, costs);
        return costs;
    }

    /** Runs one operation, counting the DynamoDB calls made with {@code accessKey} (answered) and the items each read. */
    private static Cost counted(String accessKey, Runnable operation) {
        var gateway = ((MotoServer) Emulators.shared()).gateway();
        List<String> calls = new CopyOnWriteArrayList<>();
        gateway.onAnswered((request, answer) -> {
            var auth = request.header("authorization");
            var target = request.header("x-amz-target");
            // an attempt the emulator failed (busy, on a loaded machine) is retried by the SDK: only the answer counts
            if (auth == null || !auth.contains("Credential=" + accessKey + "/") || target == null
                    || !target.startsWith("DynamoDB_") || answer.status() != 200) {
                return;
            }
            calls.add(target.substring(target.indexOf('.') + 1) + ":" + itemsRead(answer));
        });
        try {
            operation.run();
        } finally {
            gateway.onAnswered(null);
        }
        return new Cost(List.copyOf(calls));
    }

    /** Items DynamoDB read to answer: a query's ScannedCount (before any filter), a found item, nothing for writes. */
    private static long itemsRead(EmulatorGateway.Answer answer) {
        try {
            var body = JSON.readTree(answer.body());
            if (body.has("ScannedCount")) return body.get("ScannedCount").asLong();
            return body.has("Item") ? 1 : 0;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static void cli(TestAws aws, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var env = aws.environment(Map.of("SHIPLANE_CONFIG_FILE", RepoFiles.path(CONFIG).toString(),
                "SHIPLANE_LEDGER_TABLE", TABLE, "AWS_ACCESS_KEY_ID", OPERATOR_KEY));
        var code = ShiplaneCli.commandLine(env, new PrintWriter(out), new PrintWriter(err)).execute(args);
        assertThat(code).as("shiplane %s: %s", String.join(" ", args), err).isZero();
    }

    /**
     * {@code count} deployments of one service: the newest {@value #RECENT} within the last days (the same in every
     * ledger seeded), the rest two months and more back, outside status's 30-day period. The newest is written by
     * the adapter with the head naming it active; the others are copies of its item, written 25 to a request.
     */
    private static void seed(TestAws aws, String env, String service, int count, Instant now) {
        var ledger = new DynamoDbLedger(aws.dynamo(), TABLE);
        var newest = deployment(env, service, 0, now);
        ledger.commit(List.of(newest), ServiceState.initial(env, service).activated(newest.deploymentId(), "ecs-0"), 0);
        var template = aws.dynamo().getItem(r -> r.tableName(TABLE).key(Map.of(
                "pk", AttributeValue.fromS("SVC#" + env + "#" + service),
                "sk", AttributeValue.fromS("DEP#" + newest.deploymentId())))).item();
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            var createdAt = createdAt(i, now);
            Map<String, AttributeValue> item = new HashMap<>(template);
            var id = "d-" + service + "-" + i;
            item.put("sk", AttributeValue.fromS("DEP#" + id));
            item.put("deploymentId", AttributeValue.fromS(id));
            item.put("createdAt", AttributeValue.fromS(createdAt.toString()));
            item.put("pushedAt", AttributeValue.fromS(createdAt.minusSeconds(30).toString()));
            item.put("updatedAt", AttributeValue.fromS(createdAt.plusSeconds(90).toString()));
            item.put("historyAt", AttributeValue.fromS(DynamoDbLedger.sortable(createdAt)));
            item.put("ttl", AttributeValue.fromN(Long.toString(createdAt.plus(Duration.ofDays(400)).getEpochSecond())));
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == 25 || i == count - 1) {
                var requests = List.copyOf(batch);
                var left = aws.dynamo().batchWriteItem(r -> r.requestItems(Map.of(TABLE, requests))).unprocessedItems();
                assertThat(left).as("unprocessed seed items").isEmpty();
                batch.clear();
            }
        }
    }

    private static Instant createdAt(int i, Instant now) {
        return i < RECENT ? now.minus(Duration.ofHours(i)) : now.minus(Duration.ofDays(60)).minus(Duration.ofMinutes(i));
    }

    private static Deployment deployment(String env, String service, int i, Instant now) {
        var digest = "sha256:" + String.format("%064d", i + 1);
        var createdAt = createdAt(i, now);
        return new Deployment("d-" + service + "-" + i, env, service, "push-" + i,
                new ImageRef("ecr", "monynha/" + service, "1.0." + i, digest,
                        "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/" + service + "@" + digest),
                DeploymentStatus.SUCCEEDED, DeploymentStatus.SUCCEEDED, "td:1", "td:2", "ecs-0",
                createdAt.minusSeconds(30), createdAt, createdAt.plusSeconds(90), null);
    }
}
