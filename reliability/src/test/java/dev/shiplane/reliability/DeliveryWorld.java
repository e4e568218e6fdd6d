package dev.shiplane.reliability;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.contract.environment.CommonEnvironment;
import dev.shiplane.core.ledger.ServiceBusyException;
import dev.shiplane.deploy.DeployHandler;
import dev.shiplane.rollback.RollbackHandler;
import dev.shiplane.testkit.BlueGreenWorld;
import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.DueSchedules;
import dev.shiplane.testkit.Invocations;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The rollback test world (functions/rollback's rollback.yml: staging api on canary behind an ALB rule, prod web and
 * docs rolling, each with its gate alarm), the real deploy and rollback handlers as Lambda invokes them with the
 * functions' own access key, and the bus tapped so every event they publish is seen and delivered on.
 */
final class DeliveryWorld {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The functions' attempt timeout here; the gateway holds an injected timeout longer. */
    static final long ATTEMPT_TIMEOUT_MS = 3_000;
    static final Map<String, String> CLUSTERS = Map.of("staging", "monynha-staging", "prod", "monynha-prod");

    /** One event for one function; the bytes are made when it is delivered (ECS events carry ECS's live ids). */
    record Step(String name, String function, Supplier<byte[]> event) {}

    final TestAws aws;
    final BlueGreenWorld blueGreen;
    final BusTap tap;
    final String apiRule;
    final String webBefore;
    final String apiBlueBefore;
    final Map<String, RequestStreamHandler> functions = new HashMap<>();
    private final Map<String, String> env;
    /** Every event the functions published, as {@code detail-type env/service} lines, in arrival order. */
    final List<JsonNode> published = new ArrayList<>();
    int redeliveries;
    /** Every failed invocation, as {@code function: exception}, for assertion messages. */
    final List<String> failed = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @param canary whether to build staging api's blue/green plumbing (a load balancer, target groups, rule) */
    DeliveryWorld(TestAws aws, boolean canary) {
        this.aws = aws;
        blueGreen = new BlueGreenWorld(aws);
        new DueSchedules(aws).createGroup("shiplane");
        aws.createLedgerTable("shiplane-ledger");
        var busArn = aws.createBus("shiplane");
        tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        apiRule = canary ? blueGreen.progressiveService(blueGreen.loadBalancer("monynha-staging"), 10,
                "monynha-staging", "api", "monynha/api:1.0.0", 2) : null;
        apiBlueBefore = canary ? taskDefinition("monynha-staging", "api-blue") : null;
        webBefore = aws.ecsService("monynha-prod", "web", "web", "monynha/web:1.0.0");
        aws.ecsService("monynha-prod", "docs", "docs", "monynha/docs:1.0.0");
        for (var alarm : canary ? List.of("staging-api-5xx") : List.of("prod-web-health")) blueGreen.alarm(alarm);
        var env = aws.environment(Map.of(
                "SHIPLANE_CONFIG_FILE", RepoFiles.path("functions/rollback/src/test/resources/rollback.yml").toString(),
                "SHIPLANE_BUS_NAME", "shiplane", "SHIPLANE_BUS_ARN", busArn, "SHIPLANE_LEDGER_TABLE", "shiplane-ledger",
                "SHIPLANE_SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/shiplane-scheduler",
                "SHIPLANE_LEASE_SECONDS", "2", "AWS_ACCESS_KEY_ID", FunctionCalls.ACCESS_KEY,
                // injected faults outlast every attempt; two (one retry) keep a fault's back-off short
                "AWS_MAX_ATTEMPTS", "2",
                // an injected timeout costs two attempts; moto answers in a fraction of this even on a loaded
                // machine (at 1.5 s, clean runs saw a call time out now and then)
                CommonEnvironment.AWS_API_CALL_ATTEMPT_TIMEOUT_MS, String.valueOf(ATTEMPT_TIMEOUT_MS),
                CommonEnvironment.AWS_API_CALL_TIMEOUT_MS, "10000"));
        this.env = env;
        functions.put("deploy", new DeployHandler(env));
        functions.put("rollback", new RollbackHandler(env));
        functions.put("canary", new dev.shiplane.canary.CanaryHandler(env));
    }

    // ---- events

    static byte[] push(String repository, String tag, char digit) {
        return RepoFiles.text("events/aws/ecr-image-push.json")
                .replace("13cde686-328b-6117-af20-0e5566167482", "push-" + repository.replace('/', '-') + "-" + tag)
                .replace("monynha/web", repository).replace("\"1.4.2\"", "\"" + tag + "\"")
                .replace("0b1f2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
                        String.valueOf(digit).repeat(64))
                .getBytes(StandardCharsets.UTF_8);
    }

    static String digest(char digit) {
        return "sha256:" + String.valueOf(digit).repeat(64);
    }

    Step pushStep(String repository, String tag, char digit) {
        return new Step("push " + repository + ":" + tag, "deploy", () -> push(repository, tag, digit));
    }

    Step ecsCompleted(String cluster, String service) {
        return new Step("ECS completed " + service, "deploy", () -> Invocations.ecsCompleted(aws, cluster, service));
    }

    /** An operator's {@code Abort Requested} for {@code env/service}, as the CLI puts it on the bus. */
    static byte[] abortRequested(String env, String service, String requestId) {
        return RepoFiles.text("events/shiplane/promote-requested.json")
                .replace("a1b2c3d4-0008-4000-8000-000000000008", "abort-" + requestId)
                .replace("\"Promote Requested\"", "\"Abort Requested\"")
                .replace("\"command\": \"promote\"", "\"command\": \"abort\"")
                .replace("\"env\": \"staging\"", "\"env\": \"" + env + "\"")
                .replace("\"service\": \"web\"", "\"service\": \"" + service + "\"")
                .replace("req-7d6c5b4a", requestId)
                .getBytes(StandardCharsets.UTF_8);
    }

    Step alarm(String sample) {
        return new Step("alarm " + sample, "rollback", () -> RepoFiles.bytes("events/aws/" + sample));
    }

    // ---- delivery

    /** Another instance of a function, as a concurrent Lambda invocation would run in its own environment. */
    DeliveryWorld concurrentInstance() {
        return new DeliveryWorld(this);
    }

    private DeliveryWorld(DeliveryWorld of) {
        aws = of.aws;
        blueGreen = of.blueGreen;
        tap = of.tap;
        apiRule = of.apiRule;
        webBefore = of.webBefore;
        apiBlueBefore = of.apiBlueBefore;
        env = of.env;
        functions.put("deploy", new DeployHandler(env));
        functions.put("rollback", new RollbackHandler(env));
        functions.put("canary", new dev.shiplane.canary.CanaryHandler(env));
    }

    /** Invokes once; publishes are delivered on by {@link #settle}. */
    String invoke(String function, byte[] event) {
        return Invocations.invoke(functions.get(function), event);
    }

    /**
     * Delivers one event as Lambda's retries would: again (same bytes, same id) after a failure, after the lease's
     * expiry when the service was busy. Returns the failures seen before it completed.
     */
    List<RuntimeException> deliver(String function, byte[] event, Runnable afterFailure) {
        var failures = new ArrayList<RuntimeException>();
        for (int attempt = 0; ; attempt++) {
            try {
                invoke(function, event);
                return failures;
            } catch (RuntimeException failure) {
                failures.add(failure);
                failed.add(function + ": " + failure);
                System.err.printf("[reliability] %s failed: %s%n", function, failure);
                if (attempt >= 6) throw new AssertionError("event still failing after 7 deliveries", failure);
                redeliveries++;
                afterFailure.run();
                if (failure instanceof ServiceBusyException || String.valueOf(failure.getMessage()).contains("lease")) {
                    sleep(700);
                }
            }
        }
    }

    /** Delivers what the functions published that the deploy function subscribes to, until the bus is quiet. */
    void settle(Runnable afterFailure) {
        for (var bodies = tap.drain(); !bodies.isEmpty(); bodies = tap.drain()) {
            for (var body : bodies) {
                published.add(read(body));
                if ("Image Pushed".equals(BusTap.detailType(body))) {
                    deliver("deploy", body.getBytes(StandardCharsets.UTF_8), afterFailure);
                }
            }
        }
    }

    // ---- observed state

    String taskDefinition(String cluster, String service) {
        return aws.ecs().describeServices(r -> r.cluster(cluster).services(service)).services().getFirst()
                .taskDefinition();
    }

    int desired(String cluster, String service) {
        return aws.ecs().describeServices(r -> r.cluster(cluster).services(service)).services().getFirst()
                .desiredCount();
    }

    /** The configuration the functions run with (functions/rollback's rollback.yml). */
    static final dev.shiplane.core.config.ShiplaneConfig CONFIG = dev.shiplane.contract.config.ConfigLoader.load(
            RepoFiles.path("functions/rollback/src/test/resources/rollback.yml"));

    /** The ledger as the functions read it, through the DynamoDB adapter. */
    dev.shiplane.core.ledger.Ledger ledgerPort() {
        return new dev.shiplane.aws.DynamoDbLedger(aws.dynamo(), "shiplane-ledger");
    }

    List<Map<String, AttributeValue>> ledger(String type) {
        return aws.dynamo().scan(r -> r.tableName("shiplane-ledger").consistentRead(true)).items().stream()
                .filter(i -> i.get("type").s().equals(type)).toList();
    }

    long count(String detailType, String env, String service) {
        return published.stream().filter(e -> e.get("detail-type").asText().equals(detailType)
                && e.get("detail").path("env").asText().equals(env)
                && e.get("detail").path("service").asText().equals(service)).count();
    }

    /** Task definitions any service of the environment's cluster runs now. */
    List<String> running(String env) {
        var cluster = CLUSTERS.get(env);
        var arns = aws.ecs().listServices(r -> r.cluster(cluster)).serviceArns();
        return aws.ecs().describeServices(r -> r.cluster(cluster).services(arns)).services().stream()
                .map(s -> s.taskDefinition()).toList();
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
