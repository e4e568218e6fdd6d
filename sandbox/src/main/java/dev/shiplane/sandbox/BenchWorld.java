package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.shiplane.aws.DynamoDbLedger;
import dev.shiplane.contract.config.ConfigLoader;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.canary.CanaryHandler;
import dev.shiplane.checks.ChecksHandler;
import dev.shiplane.deploy.DeployHandler;
import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.DueSchedules;
import dev.shiplane.testkit.Invocations;
import dev.shiplane.testkit.MotoServer;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The world {@code scripts/bench} measures each function in: before every measured run the bench asks it to
 * {@code prepare} a function (moto reset, then the state that function's event needs, built as the sandbox and the
 * integration tests build it) and gets the event to hand the function; after the run it asks it to {@code verify}
 * that the function did what that event asks (an event on the bus, a post to Slack, a check answered, the answer a
 * hook gave ECS), so a function that ignored its event fails the bench. It also serves, for the whole bench, the
 * services' health endpoint (the checks function's responder, {@link ServiceStandIn}) and Slack
 * ({@link SlackStandIn}), whose addresses are in the configuration copy and the secret the functions read.
 *
 * <pre>java … dev.shiplane.sandbox.BenchWorld &lt;work dir&gt;</pre>
 * Writes {@code <work dir>/shiplane-bench.yml} (the functions' configuration: the repository's as a one-account
 * install has it, {@link #oneAccount}, with every environment's checks sent to the responder),
 * {@code <work dir>/aws.endpoint} (where the functions reach AWS: moto behind the testkit's
 * {@link dev.shiplane.testkit.EmulatorGateway}, which speaks CloudWatch's CBOR protocol to the SDK as the tests do) and
 * then {@code <work dir>/world.port}; answers
 * {@code GET /prepare/<function>} with the path of the event file to hand the function, and
 * {@code POST /verify/<function>} (the body: what the function answered, on one line) with 200 and what it found, or
 * 409 and what is missing.
 * <p>
 * The bench measures one account's functions, and says so in its configuration: the repository's shiplane.yml puts
 * staging and prod in separate accounts, where a function serves only its own account's environments and refuses to
 * start without being told which ({@code SHIPLANE_SERVED_ENVIRONMENTS}); no one function there handles both staging's
 * events and prod's. So the bench runs the repository's environments and services with their accounts left out
 * ({@code account}, {@code ecrAccount}), as a one-account install has them: every function runs with the bench's one
 * set of credentials in moto's default account, serves every environment (the variable unset, as a one-account
 * stack leaves it), and every world is made there, prod's hooks world included (prod web's native deployment in that
 * account's ledger). In two accounts each function takes the same code path and makes the same AWS calls for its own
 * environments' events; what two accounts add between stacks (EventBridge's cross-account delivery) is AWS's part,
 * not a function's, and is not measured: the sandbox's two-account story checks it.
 */
public final class BenchWorld implements AutoCloseable {

    static final String BUS = "shiplane";
    static final String LEDGER = "shiplane-ledger";
    static final String SCHEDULER_ROLE = "arn:aws:iam::123456789012:role/scheduler";
    /** Where the webhook function reads GitHub's secret ({@code SHIPLANE_WEBHOOK_SECRET_ARN}). */
    public static final String WEBHOOK_SECRET = "shiplane/github-webhook-secret";
    /** The deployment of prod web 1.5.0 that ECS's lifecycle hook samples belong to (as {@code HooksFunctionIT}'s). */
    static final String HOOKED_DEPLOYMENT = "d-7";
    private static final String HOOKED_DIGEST = "sha256:" + "7c3a".repeat(16);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestAws aws;
    private final MotoServer moto;
    private final ShiplaneConfig config;
    private final Path configFile;
    private final Path workDir;
    private final ServiceStandIn service;
    private final SlackStandIn slack;
    private final Timeline log;
    private final Map<String, String> functionEnvironment;
    private DeployHandler deploy;
    private ChecksHandler checks;
    private CanaryHandler canary;
    private BusTap tap;
    private int healthAnswered;
    private int prepared;

    private BenchWorld(Path workDir) throws Exception {
        this.workDir = workDir;
        this.moto = MotoServer.startOrReuse();
        this.aws = new TestAws(moto);
        this.log = new Timeline(false, System.out, System.out);
        this.service = new ServiceStandIn();
        var benchConfig = oneAccount(RepoFiles.path("shiplane.yml"), workDir.resolve("shiplane-bench.yml"));
        this.configFile = service.pointChecksHere(ConfigLoader.load(benchConfig), benchConfig, benchConfig);
        this.config = ConfigLoader.load(configFile);
        moto.reset();
        this.slack = SlackStandIn.start(aws);
        this.functionEnvironment = aws.environment(Map.of("SHIPLANE_CONFIG_FILE", configFile.toString(),
                "SHIPLANE_BUS_NAME", BUS, "SHIPLANE_BUS_ARN", "arn:aws:events:us-east-1:123456789012:event-bus/" + BUS,
                "SHIPLANE_LEDGER_TABLE", LEDGER, "SHIPLANE_SCHEDULER_ROLE_ARN", SCHEDULER_ROLE,
                "POWERTOOLS_SERVICE_NAME", "bench-world-deploy", "POWERTOOLS_METRICS_DISABLED", "true"));
    }

    /**
     * {@code configFile} as a one-account install has it, written to {@code copy}: every environment's {@code account}
     * and every service's {@code ecrAccount} left out, all else as written. Its functions serve every environment.
     */
    static Path oneAccount(Path configFile, Path copy) throws IOException {
        var yaml = new ObjectMapper(new YAMLFactory());
        var document = (ObjectNode) yaml.readTree(configFile.toFile());
        document.path("environments").properties().forEach(env -> ((ObjectNode) env.getValue()).remove("account"));
        document.path("services").properties().forEach(svc -> ((ObjectNode) svc.getValue()).remove("ecrAccount"));
        yaml.writeValue(copy.toFile(), document);
        return copy;
    }

    /**
     * The world in {@code workDir}, without its HTTP control (as {@code BenchWorldIT} drives it, in the bench's
     * order, with the functions in its JVM).
     */
    static BenchWorld open(Path workDir) throws Exception {
        return new BenchWorld(Files.createDirectories(workDir.toAbsolutePath()));
    }

    /** Where the functions reach AWS (the bench's {@code aws.endpoint}). */
    String awsEndpoint() {
        return moto.endpoint();
    }

    /** The functions' configuration (the bench's {@code shiplane-bench.yml}). */
    Path configFile() {
        return configFile;
    }

    /** Stops the health responder and the Slack stand-in (the bench ends the world's process instead). */
    @Override
    public void close() {
        slack.close();
        service.close();
    }

    public static void main(String[] args) throws Exception {
        var workDir = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
        var world = new BenchWorld(workDir);
        System.out.println("bench world: one account's functions: every world in moto's default account "
                + dev.shiplane.testkit.AwsEmulator.ACCOUNT + ", the functions serving every environment of "
                + world.configFile.getFileName() + " (the repository's shiplane.yml without its accounts, as a"
                + " one-account install has it; EventBridge's cross-account delivery is AWS's part, not measured)");
        // Once through the richest worlds before anything is measured: moto loads a service's backend on its first
        // request and the gateway's code runs for the first time, which would otherwise land in the first function's
        // round trips.
        world.prepare("canary");
        world.prepare("rotate");
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/prepare/", exchange -> world.answer(exchange, true));
        server.createContext("/verify/", exchange -> world.answer(exchange, false));
        server.start();
        Files.writeString(workDir.resolve("aws.endpoint"), world.moto.endpoint());
        Files.writeString(workDir.resolve("world.port.tmp"), Integer.toString(server.getAddress().getPort()));
        Files.move(workDir.resolve("world.port.tmp"), workDir.resolve("world.port"),
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private synchronized void answer(HttpExchange exchange, boolean prepare) throws IOException {
        var function = exchange.getRequestURI().getPath().replaceFirst("^/(prepare|verify)/", "");
        int status;
        String body;
        try {
            body = prepare ? prepare(function).toString()
                    : verify(function, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                            .strip());
            status = 200;
        } catch (Mismatch missing) {
            body = missing.getMessage();
            status = 409;
        } catch (Exception | AssertionError failure) {
            failure.printStackTrace(System.out);
            body = failure.toString();
            status = 500;
        }
        var bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The function's event, written to a file, after the world was made ready for it. */
    Path prepare(String function) throws Exception {
        System.out.println("bench world: preparing " + function);
        moto.reset();
        aws.createBus(BUS);
        aws.createLedgerTable(LEDGER);
        slack.provision(aws);
        slack.drain();
        tap = aws.tap(BUS, "bench-tap", "{\"source\":[\"shiplane\"]}");
        if (deploy == null) {
            deploy = new DeployHandler(functionEnvironment);
            checks = new ChecksHandler(functionEnvironment);
            canary = new CanaryHandler(functionEnvironment);
        }
        byte[] event = switch (function) {
            case "deploy" -> RepoFiles.bytes("events/aws/ecr-image-push.json");
            case "rollback" -> {
                var world = canaryOnTenPercent();
                world.alarmState("staging-api-5xx", "ALARM", "Threshold Crossed: 1 datapoint [12.0] > 5.0");
                yield now(RepoFiles.bytes("events/aws/cloudwatch-alarm-staging-api-5xx-alarm.json"));
            }
            case "canary" -> {
                canaryOnTenPercent();
                yield nextStepDue();
            }
            case "checks" -> {
                new DueSchedules(aws).createGroup(ProgressiveWorld.SCHEDULE_GROUP);
                healthAnswered = service.answered();
                yield RepoFiles.bytes("events/shiplane/health-check-due.json");
            }
            case "rotate" -> {
                RotationWorld.prepare(aws, config, configFile, workDir, log);
                var request = (ObjectNode) JSON.readTree(RepoFiles.bytes("events/shiplane/rotation-requested.json"));
                ((ObjectNode) request.path("detail")).put("secret", "db-password");
                yield JSON.writeValueAsBytes(request);
            }
            case "notify" -> RepoFiles.bytes("events/shiplane/deployment-succeeded.json");
            case "hooks" -> {
                nativeDeploymentOfProdWeb();
                yield RepoFiles.bytes("events/aws/ecs-lifecycle-hook-production-traffic-shift.json");
            }
            case "webhook" -> {
                FunctionUrlRequests.storeSecret(aws.build(
                        software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder()), WEBHOOK_SECRET);
                var request = (ObjectNode) JSON.readTree(RepoFiles.bytes("events/github/function-url-request.json"));
                // Sent now, as GitHub would: the sample's own time is days old.
                var context = (ObjectNode) request.path("requestContext");
                context.put("timeEpoch", Instant.now().toEpochMilli());
                yield JSON.writeValueAsBytes(FunctionUrlRequests.signed(request));
            }
            default -> throw new Mismatch("no world for a function named '" + function + "'");
        };
        tap.drain();
        var file = Files.createDirectories(workDir.resolve("events")).resolve(function + "-" + (++prepared) + ".json");
        Files.write(file, event);
        return file;
    }

    /**
     * What the function did with its event ({@code answer}: what it wrote back), or a {@link Mismatch} saying what
     * is missing.
     */
    String verify(String function, String answer) throws Exception {
        var published = tap.drainDetailTypes();
        return switch (function) {
            case "deploy" -> expect(published, "Image Pushed");
            case "rollback" -> expect(published, "Deployment Rolled Back");
            case "canary" -> expect(published, "Traffic Shifted");
            case "checks" -> {
                if (service.answered() <= healthAnswered) {
                    throw new Mismatch("checks: the health endpoint got no request");
                }
                yield expect(published, "Gate Passed");
            }
            case "rotate" -> expect(published, "Secret Rotated");
            case "notify" -> {
                var posts = slack.drain();
                if (posts.isEmpty()) throw new Mismatch("notify: nothing was posted to Slack");
                yield "posted to Slack: " + posts.getFirst();
            }
            case "webhook" -> expect(published, "Image Pushed");
            case "hooks" -> "hookStatus " + hookStatus(answer, "SUCCEEDED") + ", "
                    + expect(published, "Traffic Shifted");
            default -> throw new Mismatch("no world for a function named '" + function + "'");
        };
    }

    private static String expect(List<String> published, String detailType) {
        if (!published.contains(detailType)) {
            throw new Mismatch("expected '" + detailType + "' on the bus; it got " + published);
        }
        return detailType + " (bus: " + String.join(", ", published) + ")";
    }

    /**
     * The {@code hookStatus} of a hook's answer, if it is {@code expected}; else a {@link Mismatch} naming what the
     * function answered (not JSON, no status, another status).
     */
    static String hookStatus(String answer, String expected) {
        JsonNode status;
        try {
            status = JSON.readTree(answer).path("hookStatus");
        } catch (IOException | RuntimeException notJson) {
            throw new Mismatch("hooks: the answer is not JSON: " + answer);
        }
        if (!status.isTextual()) throw new Mismatch("hooks: the answer has no hookStatus: " + answer);
        if (!status.asText().equals(expected)) {
            throw new Mismatch("hooks: expected hookStatus " + expected + "; it answered " + answer);
        }
        return status.asText();
    }

    /**
     * Prod web (engine: ecs) in the middle of ECS's own canary of 1.5.0, as the deploy function leaves the ledger once
     * it handed the deployment to ECS (as {@code HooksFunctionIT} writes it): the lifecycle hook payloads
     * (events/aws/ecs-lifecycle-hook-*.json, ECS's service monynha-prod/web) are this deployment's.
     */
    private void nativeDeploymentOfProdWeb() {
        var now = Instant.now();
        var image = new ImageRef("ecr", "monynha/web", "1.5.0", HOOKED_DIGEST,
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/web@" + HOOKED_DIGEST);
        new DynamoDbLedger(aws.dynamo(), LEDGER).commit(List.of(new Deployment(HOOKED_DEPLOYMENT, "prod", "web",
                        "push-7", image, DeploymentStatus.STARTED, DeploymentStatus.STARTED, "web:6", "web:7",
                        "ecs-svc/7", now, now, now, null)),
                ServiceState.initial("prod", "web").activated(HOOKED_DEPLOYMENT, "ecs-svc/7"), 0);
    }

    /**
     * The staging api service rolling out 2.0.0 as a canary with 10% of its traffic, as the sandbox story gets it
     * there (events/story/30-push-api-2.0.0.json): the push goes through the deploy function, ECS completes the new
     * colour's deployment, the checks function passes api's pre-traffic health check against the new colour alone
     * (the responder), and the canary function shifts the first step on that Gate Passed.
     */
    private ProgressiveWorld canaryOnTenPercent() throws Exception {
        var world = ProgressiveWorld.provision(aws, config);
        var deployed = settle(RepoFiles.bytes("events/aws/ecr-image-push-api-2.0.0.json"));
        if (!deployed.contains("Deployment Started")) {
            throw new IllegalStateException("the api 2.0.0 push started no deployment: " + deployed);
        }
        var shifted = settle(Invocations.ecsCompleted(aws, "monynha-staging", "api-green"));
        if (!shifted.contains("Traffic Shifted")) {
            throw new IllegalStateException("the canary did not take its first step: " + shifted);
        }
        return world;
    }

    /**
     * Hands {@code event} to the deploy function, then what it leads to on the bus to the function AWS routes it to
     * (Image Pushed to deploy, Health Check Due to checks, Gate Passed to canary); what went on the bus.
     */
    private List<String> settle(byte[] event) throws IOException {
        List<String> published = new ArrayList<>();
        Invocations.invoke(deploy, event);
        for (var bodies = tap.drain(); !bodies.isEmpty(); bodies = tap.drain()) {
            for (var body : bodies) {
                var type = BusTap.detailType(body);
                published.add(type);
                var next = switch (type) {
                    case "Image Pushed" -> deploy;
                    case "Health Check Due" -> checks;
                    case "Gate Passed" -> canary;
                    default -> null;
                };
                if (next != null) Invocations.invoke(next, body.getBytes(StandardCharsets.UTF_8));
            }
        }
        return published;
    }

    /** Fires the rollout's next step schedule, as Scheduler would when it is due. */
    private byte[] nextStepDue() throws IOException {
        var schedules = new DueSchedules(aws);
        for (var pending : schedules.pending(ProgressiveWorld.SCHEDULE_GROUP)) {
            var fired = schedules.fire(ProgressiveWorld.SCHEDULE_GROUP, pending.name());
            if ("Canary Step Due".equals(JSON.readTree(fired.event()).path("detail-type").asText())) {
                return fired.event();
            }
        }
        throw new IllegalStateException("the canary scheduled no step");
    }

    /** The sample with its time set to now: the alarm changed state after the deployment began. */
    private static byte[] now(byte[] sample) throws IOException {
        var event = (ObjectNode) JSON.readTree(sample);
        var now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        event.put("time", now.toString());
        JsonNode state = event.path("detail").path("state");
        if (state instanceof ObjectNode s && s.has("timestamp")) {
            s.put("timestamp", now.toString().replace("Z", ".000+0000"));
        }
        return JSON.writeValueAsBytes(event);
    }

    /** The world is not as the function's event needs, or the function did not do what it asks. */
    static final class Mismatch extends RuntimeException {
        Mismatch(String message) {
            super(message);
        }
    }
}
