package dev.shiplane.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.contract.config.ConfigLoader;
import dev.shiplane.contract.environment.CommonEnvironment;
import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.core.config.InvalidConfigException;
import dev.shiplane.infra.Notifications;
import dev.shiplane.infra.ShiplaneApp;
import dev.shiplane.sandbox.iam.IamEnforcement;
import dev.shiplane.testkit.LedgerAgreement;
import dev.shiplane.testkit.MotoServer;
import dev.shiplane.testkit.TestAws;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sandbox: shiplane's real functions and the rules the CDK app synthesizes, on moto, driven by the event files of
 * a story directory in name order. See docs/TESTING.md, "The sandbox".
 */
public final class Sandbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The function ECS's engine calls at its lifecycle stages: the sandbox hosts it as every native service's hook. */
    private static final String HOOKS_HANDLER = "dev.shiplane.hooks.HooksFunction";

    private final SandboxOptions options;
    private final Timeline timeline;
    private int failures;
    private ProgressiveWorld progressive;
    /** The run's one clock: the functions, the stamps, ECS's part, the schedules and the CLI read it. */
    private final StoryTime storyTime = new StoryTime();
    private StoryClock clock;
    private TestAws aws;
    private final ReplayStamps stamps = new ReplayStamps(storyTime);
    private ServiceStandIn standIn;
    private SlackStandIn slack;
    private GitHubStandIn gitHub;
    /** ECS's own deployment engine, which moto does not run. */
    private dev.shiplane.sandbox.ecsengine.EcsNativeController ecsEngine;
    /** CloudFormation's part when the story updates the platform stacks. */
    private StackUpdate stackUpdates;
    private int domainEvents;
    /** A serving sandbox was told to stop ({@code {"sandbox": "stop"}}). */
    private volatile boolean stopRequested;
    /** What {@code shiplane} sees here: the emulator, the template's bus and ledger, the story's config, the entry. */
    private java.util.Map<String, String> cliEnvironment;
    /** The operator entry behind its Function URL, where every operator request of the story goes. */
    private OperatorRequests operatorRequests;

    Sandbox(SandboxOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.timeline = new Timeline(options.json(), out, err);
    }

    public static void main(String[] args) throws Exception {
        SandboxOptions options;
        try {
            options = SandboxOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sandbox: " + e.getMessage());
            System.err.println(SandboxOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(SandboxOptions.USAGE);
            return;
        }
        System.exit(new Sandbox(options, System.out, System.err).run());
    }

    int run() throws Exception {
        try (var service = new ServiceStandIn()) {
            standIn = service;
            return play();
        }
    }

    private int play() throws Exception {
        Files.createDirectories(options.workDir());
        var config = loadConfig();
        if (config == null) return 1;
        timeline.say("shiplane sandbox");
        var storyFiles = storyFiles();
        if (storyFiles == null) return 1;

        // IAM enforcement covers a whole moto server: this run has one of its own.
        var moto = MotoServer.start();
        try {
            return play(config, storyFiles, moto);
        } finally {
            if (operatorRequests != null) operatorRequests.close();
            moto.stop();
        }
    }

    private int play(dev.shiplane.core.config.ShiplaneConfig config, List<Path> storyFiles, MotoServer moto)
            throws Exception {
        var iam = IamEnforcement.switchOn(moto);
        timeline.say("  emulator   " + iam.describe());
        var templateDir = synthQuietly();
        var template = CloudTemplate.read(templateDir.resolve(ShiplaneApp.TEMPLATE_FILE));
        var aws = new TestAws(iam);
        var roles = new FunctionRoles(aws, template, iam);
        cliEnvironment = aws.environment(java.util.Map.of(DeliveryEnvironment.BUS_NAME, template.eventBusName(),
                DeliveryEnvironment.LEDGER_TABLE, template.ledgerTableName(),
                CommonEnvironment.CONFIG_FILE, options.configFile().toString()));
        var functionConfig = standIn.pointChecksHere(config,
                RotationWorld.prepare(aws, config, options.configFile(), options.workDir(), timeline),
                options.workDir().resolve("shiplane-sandbox.yml"));
        if (!functionConfig.equals(options.configFile())) {
            timeline.say("  service    " + standIn.url() + " answers the health checks (every environment's"
                    + " checkEndpoint points there)");
        }
        var functionLogFile = options.workDir().resolve("functions.log");
        try (var functionLog = new PrintStream(new FileOutputStream(functionLogFile.toFile()), true);
             var slackStandIn = SlackStandIn.start(aws);
             var gitHubStandIn = GitHubStandIn.start(dev.shiplane.testkit.RepoFiles.root().resolve("events/github"))) {
            slack = slackStandIn;
            gitHub = gitHubStandIn;
            progressive = ProgressiveWorld.provision(aws, config);
            clock = new StoryClock(aws, storyTime);
            this.aws = aws;
            var world = SandboxWorld.provision(aws, config, template, functionConfig, functionLog, roles,
                    gitHub.api(), storyTime);
            operatorRequests = OperatorRequests.start(world.functionUrls().operatorEntry(),
                    new OperatorIdentities(aws, iam));
            cliEnvironment = withOperatorUrl(cliEnvironment, operatorRequests.url());
            timeline.say("  template   " + templateDir.resolve(ShiplaneApp.TEMPLATE_FILE) + " (" + world.rules()
                    + " rules → " + world.functions() + " function(s), targets replaced by SQS queues)");
            timeline.say("  story      " + options.eventsDir() + " (" + storyFiles.size() + " events)");
            timeline.say("  logs       " + functionLogFile);
            timeline.say("  operators  " + operatorRequests.url() + " stands in for the operator function's AWS_IAM"
                    + " Function URL (the signature checked with the key's secret, the signer named as Lambda names"
                    + " it): every operator request goes there, signed as the operator the story plays");
            timeline.say("  slack      a local stand-in for the incoming webhook in " + Notifications.SLACK_SECRET_NAME
                    + " (✉ lines: what the notify function posted)");
            timeline.say("  github     " + gitHub.api() + " stands in for GitHub's Packages API (the token in "
                    + GitHubStandIn.TOKEN_SECRET + "; the samples in events/github/packages-api-version-*.json)");
            ecsEngine = startEcsEngine(aws, moto, config, template, functionConfig, functionLog, roles);
            timeline.say("  iam        moto enforces IAM: each of the " + roles.roles() + " function roles runs as"
                    + " the template's policy allows (rewritten only as moto needs: " + String.join(", ",
                    roles.rewrites()) + "); a refused call fails the run");
            stackUpdates = new StackUpdate(options.workDir().resolve("cdk.out-platforms"), options.configFile(),
                    options.workDir(), moto.endpoint(), iam.environment().get("AWS_ACCESS_KEY_ID"));
            var bridge = new EcsCompletionBridge(aws, storyTime);
            for (var file : storyFiles) {
                replay(file, world, bridge);
            }
            if (options.serve()) serve(world, bridge);
        }
        var waiting = clock.waiting();
        if (!waiting.isEmpty()) {
            timeline.say("");
            timeline.say("Schedules still waiting (advance the story to fire them): " + String.join(", ", waiting));
        }
        timeline.say("");
        timeline.say("ECS services now:");
        new ServiceTable(aws, config).print(timeline);
        timeline.say("");
        timeline.say("$ shiplane status   (the ledger, with the DORA figures of this run)");
        shiplane(java.util.List.of("status"));
        timeline.say("");
        failures += checkLedgerAgainstEcs(aws, config, template);
        var denials = iam.denials();
        if (!denials.isEmpty()) {
            timeline.say("");
            timeline.say("✗ IAM refused " + denials.size() + " call(s) the template's policies do not allow:");
            denials.stream().map(String::valueOf).distinct().forEach(denial -> timeline.say("    " + denial));
        }
        timeline.say(storyFiles.size() + " events replayed, " + domainEvents + " domain events on the bus, "
                + failures + " not handled, " + denials.size() + " refused by IAM");
        return failures == 0 && denials.isEmpty() ? 0 : 1;
    }

    /**
     * The ledger must agree with ECS once the story has run: every head names as stable the revision ECS runs, with
     * its image (testkit's {@link LedgerAgreement}). Returns the number of disagreements, each a failure of the run.
     */
    private int checkLedgerAgainstEcs(TestAws aws, dev.shiplane.core.config.ShiplaneConfig config,
                                      CloudTemplate template) {
        var report = new LedgerAgreement(aws).check(config,
                new dev.shiplane.aws.DynamoDbLedger(aws.dynamo(), template.ledgerTableName()));
        if (report.agrees()) {
            timeline.say("✓ the ledger agrees with ECS: " + String.join(", ", report.agreeing())
                    + " run the stable revision and image the ledger names"
                    + (report.unsettled().isEmpty() ? "" : "; still changing: " + String.join(", ",
                            report.unsettled())));
        } else {
            timeline.say("✗ the ledger disagrees with ECS:");
            report.disagreements().forEach(d -> timeline.say("    " + d));
        }
        return report.disagreements().size();
    }

    private void replay(Path file, SandboxWorld.Provisioned world, EcsCompletionBridge bridge) throws Exception {
        var bytes = Files.readAllBytes(file);
        JsonNode event;
        try {
            event = JSON.readTree(bytes);
            if (event == null || !event.isObject()) throw new IllegalArgumentException("not a JSON object");
        } catch (JsonProcessingException | IllegalArgumentException e) {
            timeline.step(file.getFileName().toString(), JSON.createObjectNode());
            timeline.say("  ✗ " + file + " is not a JSON event: " + (e instanceof JsonProcessingException j
                    ? j.getOriginalMessage() : e.getMessage()));
            failures++;
            return;
        }
        timeline.step(file.getFileName().toString(), event);
        if (StoryDirective.is(event)) {
            follow(event, world, bridge);
            return;
        }
        if (event.has("time")) {
            // The event happens now in the story, on the functions' clock: lead time runs from this push, time to
            // restore from this alarm, whatever day the story is replayed.
            bytes = JSON.writeValueAsBytes(stamps.event((com.fasterxml.jackson.databind.node.ObjectNode) event));
        }
        if ("aws.cloudwatch".equals(event.path("source").asText())) {
            // The story says CloudWatch changed an alarm's state; moto's alarm must agree for the functions reading it.
            var detail = event.path("detail");
            progressive.alarmState(detail.path("alarmName").asText(), detail.path("state").path("value").asText(),
                    detail.path("state").path("reason").asText(null));
            // ECS watches a deployment's rollback alarms itself, not through the event: it acts on the new state as
            // CloudWatch sends the event to the functions.
            emit(ecsEngine.progress(clock.now(), clock.advancedTo()), world);
        }
        if (OperatorRequests.isRequest(event)) {
            // an operator's request goes through the operator entry, as the operator it names: never onto the bus
            var request = OperatorRequests.asCliRun(event);
            operatorRuns(request.as(), request.args(), 0);
            settle(world, bridge, false);
            return;
        }
        if (FunctionUrlRequests.isRequest(event)) {
            deliverOverHttps(stamps.gitHubDelivery((com.fasterxml.jackson.databind.node.ObjectNode) event), world,
                    bridge);
            return;
        }
        try {
            world.dispatcher().inject(bytes);
        } catch (RuntimeException e) {
            timeline.say("  ✗ the event could not be put on a bus: " + e.getMessage());
            failures++;
            return;
        }
        settle(world, bridge);
    }

    /**
     * {@code --serve}: the world keeps running after the story. Files dropped in the inbox are replayed as story files
     * (so an advance directive is the clock command), and whatever reaches the bus otherwise (an operator's
     * {@code shiplane --local} request) is dispatched, until a stop directive arrives.
     */
    private void serve(SandboxWorld.Provisioned world, EcsCompletionBridge bridge) throws Exception {
        var environment = new java.util.TreeMap<>(cliEnvironment);
        environment.put("SHIPLANE_ENDPOINT", environment.get("AWS_ENDPOINT_URL"));
        // `shiplane --local` runs on the story's clock too: requests, freezes and the DORA period in story time.
        environment.put(dev.shiplane.cli.ShiplaneCli.SANDBOX_CLOCK_AHEAD, storyTime.ahead().toString());
        try (var inbox = Inbox.open(options.workDir(), environment)) {
            timeline.say("");
            timeline.say("Serving (--serve): the world keeps running. Try, in another terminal:");
            timeline.say("  scripts/shiplane --local status             (the CLI reads " + inbox.environmentFile() + ")");
            timeline.say("  scripts/sandbox-send events/aws/ecr-image-push.json   (any event or directive file)");
            timeline.say("  scripts/sandbox-send --advance 20m          (the story clock: due schedules fire)");
            timeline.say("  scripts/sandbox-send --stop                 (or Ctrl-C)");
            timeline.say("Files dropped in " + inbox.directory() + " are replayed as they arrive.");
            while (!stopRequested) {
                for (var file : inbox.take()) {
                    replay(file, world, bridge);
                    var ahead = storyTime.ahead().toString();
                    if (!ahead.equals(environment.put(dev.shiplane.cli.ShiplaneCli.SANDBOX_CLOCK_AHEAD, ahead))) {
                        inbox.writeEnvironment(environment);
                    }
                    if (stopRequested) break;
                }
                settle(world, bridge, false);
                // the harness looks for work a few times a second: nothing here is a Lambda handler
                Thread.sleep(250);
            }
        }
    }

    /** A sandbox directive: move the story's clock (firing due schedules), or make ECS fail the next rollout. */
    private void follow(JsonNode file, SandboxWorld.Provisioned world, EcsCompletionBridge bridge) throws Exception {
        StoryDirective directive;
        try {
            directive = StoryDirective.parse(file);
        } catch (IllegalArgumentException e) {
            timeline.say("  ✗ " + e.getMessage());
            failures++;
            return;
        }
        switch (directive) {
            case StoryDirective.Stop s -> {
                stopRequested = true;
                timeline.say(options.serve() ? "  · the sandbox stops serving" : "  · stop: nothing to do, the sandbox"
                        + " is not serving (--serve)");
            }
            case StoryDirective.ChecksWillFail f -> {
                standIn.failNewColour(f.requests(), f.status());
                timeline.say("  · the new colour will answer its next " + f.requests() + " health check(s) with "
                        + f.status());
            }
            case StoryDirective.EcrImage image -> {
                var pushed = EcrPushes.putIndex(aws, image, stamps.now());
                timeline.awsEmits("ECR: " + image.repository() + ":" + image.tag() + " pushed as an image index"
                        + " (" + Timeline.shortDigest(image.digest()) + ")" + pushed);
            }
            case StoryDirective.EcsWillFail f -> {
                bridge.willFail(f.cluster(), f.service(), f.reason());
                timeline.say("  · the next ECS deployment of " + f.cluster() + "/" + f.service() + " will fail");
            }
            case StoryDirective.StackUpdateDirective u -> {
                var applied = stackUpdates.apply(u.set(), clock.now());
                applied.lines().forEach(line -> timeline.awsEmits("CloudFormation: " + line));
                for (var event : applied.events()) world.dispatcher().inject(event);
                settle(world, bridge);
            }
            case StoryDirective.Cli cli -> {
                operatorRuns(cli.as(), cli.args(), cli.exit());
                settle(world, bridge, false);
            }
            case StoryDirective.Advance a -> {
                var start = clock.now();
                var until = start.plus(a.by());
                while (true) {
                    // ECS's engine waits (bakes, hook callbacks, pauses) on the story clock, like the schedules.
                    var scheduleDue = clock.nextScheduleDue();
                    var engineDue = ecsEngine.nextDue().filter(t -> !t.isAfter(until)).orElse(null);
                    if (engineDue != null && (scheduleDue == null || engineDue.isBefore(scheduleDue))) {
                        clock.moveTo(engineDue);
                        timeline.say("  ⏱ +" + java.time.Duration.between(start, clock.now()).toMinutes()
                                + "m ECS's engine: a wait ends");
                        settle(world, bridge, false);
                        continue;
                    }
                    var fired = clock.fireNextDueBy(until);
                    if (fired == null) break;
                    var event = JSON.readTree(fired.event());
                    timeline.say("  ⏱ +" + java.time.Duration.between(start, clock.now()).toMinutes() + "m Scheduler: "
                            + fired.name() + " puts " + event.path("detail-type").asText() + " on the bus");
                    world.dispatcher().inject(fired.event());
                    settle(world, bridge, false);
                }
                clock.moveTo(until);
            }
        }
    }

    /**
     * ECS's engine for the services on it: their deploymentConfiguration and listener rules as the stack creates them,
     * and shiplane's hooks function hosted as their Lambda hook.
     */
    private dev.shiplane.sandbox.ecsengine.EcsNativeController startEcsEngine(
            TestAws aws, MotoServer moto, dev.shiplane.core.config.ShiplaneConfig config, CloudTemplate template,
            Path functionConfig, PrintStream functionLog, FunctionCredentials credentials) {
        var hooks = new TemplateHooks();
        var ids = template.functionsWithHandler(HOOKS_HANDLER);
        if (ids.size() != 1) {
            throw new IllegalStateException("the template declares " + ids.size() + " functions with handler "
                    + HOOKS_HANDLER + " (expected one)");
        }
        var function = template.function(ids.getFirst());
        var env = new java.util.HashMap<>(function.environment());
        env.put(CommonEnvironment.CONFIG_FILE, functionConfig.toString());
        var name = template.physicalName(ids.getFirst());
        hooks.host(name, FunctionHost.start(function, aws.environment(env), credentials, functionLog, storyTime));
        var roleArn = template.rules().stream().map(r -> template.function(r.functionLogicalId()).environment())
                .map(e -> e.get(DeliveryEnvironment.HOOKS_ROLE_ARN)).filter(java.util.Objects::nonNull).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no function of the template has SHIPLANE_HOOKS_ROLE_ARN"));
        var hooksFunction = new NativeEngineWorld.HooksFunction("arn:aws:lambda:"
                + dev.shiplane.testkit.AwsEmulator.REGION + ":" + dev.shiplane.testkit.AwsEmulator.ACCOUNT
                + ":function:" + name + ":live", roleArn);
        var traffic = NativeEngineWorld.provision(aws, config, hooksFunction);
        var onEcsEngine = config.services().stream().filter(s -> s.onEcsEngine()).map(s -> s.name()).toList();
        if (!onEcsEngine.isEmpty()) {
            timeline.say("  ecs engine " + String.join(", ", onEcsEngine)
                    + " on ECS's own engine, played by the sandbox (Lambda hook " + hooksFunction.aliasArn() + ")");
        }
        return new dev.shiplane.sandbox.ecsengine.EcsNativeController(aws.ecs(),
                aws.build(software.amazon.awssdk.services.cloudwatch.CloudWatchClient.builder()),
                new dev.shiplane.sandbox.ecsengine.ServiceDeploymentControl(moto.endpoint()), hooks, traffic);
    }

    /** Runs the CLI in this JVM against the emulator; its output goes on the timeline, indented. */
    private int shiplane(List<String> args) {
        int exit = shiplane(args, cliEnvironment);
        if (exit != 0) timeline.say("  ✗ shiplane exited " + exit);
        return exit;
    }

    private int shiplane(List<String> args, java.util.Map<String, String> environment) {
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        int exit = dev.shiplane.cli.ShiplaneCli.run(environment, storyTime, new java.io.PrintWriter(out),
                new java.io.PrintWriter(err), args.toArray(String[]::new));
        (out.toString() + err).lines().forEach(line -> timeline.say("    " + line));
        return exit;
    }

    /**
     * An operator runs {@code shiplane} as {@code as} (an ARN; blank: the harness): a run that ends other than the
     * story expects is a failure of the run.
     */
    private void operatorRuns(String as, List<String> args, int expectedExit) {
        timeline.say("  $ shiplane " + String.join(" ", args.stream().map(a -> a.contains(" ") ? "'" + a + "'" : a)
                .toList()) + (as.isBlank() ? "" : "   (as " + as + ")"));
        int exit;
        try {
            exit = shiplane(args, operatorRequests.environmentAs(as, cliEnvironment));
        } catch (RuntimeException e) {
            timeline.say("  ✗ the operator cannot be played: " + e.getMessage());
            failures++;
            return;
        }
        if (exit == expectedExit) {
            if (exit != 0) timeline.say("  · shiplane exited " + exit + ", as the story expects");
        } else {
            timeline.say("  ✗ shiplane exited " + exit + (expectedExit == 0 ? "" : " (the story expects "
                    + expectedExit + ")"));
            failures++;
        }
    }

    private static java.util.Map<String, String> withOperatorUrl(java.util.Map<String, String> environment,
                                                                  String url) {
        var env = new java.util.HashMap<>(environment);
        env.put(dev.shiplane.cli.ShiplaneCli.OPERATOR_URL, url);
        return java.util.Map.copyOf(env);
    }

    /**
     * A Function URL request (a GitHub webhook delivery): signed and sent to the URL's function; its HTTP answer goes
     * on the timeline, then whatever it published runs through the rules like any other event. A 4xx answer is the
     * function doing its job (a forged signature must get 401); only a failure or a 5xx counts as not handled.
     */
    private void deliverOverHttps(JsonNode request, SandboxWorld.Provisioned world, EcsCompletionBridge bridge)
            throws Exception {
        try {
            var answer = world.functionUrls().deliver(request);
            gitHub.drain().forEach(asked -> timeline.say("  ⇄ GitHub API ← " + asked));
            timeline.say("  ⇄ " + answer.function() + " ← HTTPS " + answer.path() + ": " + answer.status() + " "
                    + answer.outcome() + " (" + answer.reason() + ")");
            if (answer.status() >= 500) failures++;
        } catch (RuntimeException e) {
            timeline.say("  ✗ the request failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            failures++;
        }
        settle(world, bridge, false);
    }

    /** Runs functions until nothing is left to do, emitting the ECS completions AWS would send on the way. */
    private void settle(SandboxWorld.Provisioned world, EcsCompletionBridge bridge) throws Exception {
        settle(world, bridge, true);
    }

    /** @param reportIdle whether to say so when no rule matched (not after an HTTPS request, answered already) */
    private void settle(SandboxWorld.Provisioned world, EcsCompletionBridge bridge, boolean reportIdle)
            throws Exception {
        boolean invokedAny = false;
        while (true) {
            var invocations = world.dispatcher().drain();
            for (var invocation : invocations) {
                timeline.invocation(invocation);
                if (invocation.deadLettered()) failures++;
            }
            slack.drain().forEach(timeline::slack);
            invokedAny |= !invocations.isEmpty();
            List<JsonNode> published = new ArrayList<>();
            for (var body : world.timeline().drain()) {
                var event = JSON.readTree(body);
                published.add(event);
                timeline.domainEvent(event);
                domainEvents++;
            }
            var completions = bridge.completionsFor(published);
            var engine = ecsEngine.progress(clock.now(), clock.advancedTo());
            if (completions.isEmpty() && invocations.isEmpty() && engine.isEmpty()) break;
            for (var completion : completions) {
                timeline.awsEmits("ECS: " + completion.cluster() + "/" + completion.service() + " deployment "
                        + completion.ecsDeploymentId() + (completion.completed() ? " completed" : " FAILED"));
                world.dispatcher().inject(completion.event());
            }
            emit(engine, world);
        }
        if (!invokedAny && reportIdle) {
            timeline.say("  · no rule matched: nothing was invoked");
        }
    }

    /** What ECS's engine did goes on the timeline as AWS's part; the events it sent go on the default bus. */
    private void emit(List<dev.shiplane.sandbox.ecsengine.EcsNativeController.Emitted> emitted,
                      SandboxWorld.Provisioned world) throws IOException {
        for (var e : emitted) {
            timeline.awsEmits("ECS: " + e.line());
            if (e.event() != null) world.dispatcher().inject(e.event());
        }
    }

    /** The jsii runtime prints Node's end-of-life banner on standard error; it belongs in a log, not the timeline. */
    private Path synthQuietly() throws Exception {
        // As an operator who created the GitHub token secret deploys: the webhook may look tags up.
        var context = java.util.Map.of(ShiplaneApp.GITHUB_TOKEN_SECRET_CONTEXT, GitHubStandIn.TOKEN_SECRET);
        var templates = TemplateCache.synthesized(options.configFile(), options.workDir().resolve("cdk.out"),
                dev.shiplane.testkit.RepoFiles.root(), ShiplaneApp.class, context, () -> {
                    var console = System.err;
                    try (var log = new PrintStream(new FileOutputStream(options.workDir().resolve("synth.log")
                            .toFile()), true)) {
                        System.setErr(log);
                        return ShiplaneApp.synth(options.configFile(), options.workDir().resolve("cdk.out"), context);
                    } finally {
                        System.setErr(console);
                    }
                });
        if (templates.reused()) {
            timeline.say("  synth      reused " + templates.directory() + " (configuration, CDK app and packages"
                    + " unchanged)");
        }
        return templates.directory();
    }

    private dev.shiplane.core.config.ShiplaneConfig loadConfig() {
        try {
            return ConfigLoader.load(options.configFile());
        } catch (InvalidConfigException e) {
            timeline.error("sandbox: " + e.getMessage());
            return null;
        }
    }

    private List<Path> storyFiles() throws IOException {
        if (!Files.isDirectory(options.eventsDir())) {
            timeline.error("sandbox: events directory " + options.eventsDir() + " does not exist");
            return null;
        }
        try (Stream<Path> files = Files.list(options.eventsDir())) {
            var list = files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            if (list.isEmpty()) {
                timeline.error("sandbox: no .json event files in " + options.eventsDir());
                return null;
            }
            return list;
        }
    }
}
