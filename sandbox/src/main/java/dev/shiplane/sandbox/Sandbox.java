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
    /** Which account each environment runs in, and the world of each account (the primary first). */
    private Accounts accounts;
    private final List<AccountWorld> worlds = new ArrayList<>();
    /** The run's one clock: the functions, the stamps, ECS's part, the schedules and the CLI read it. */
    private final StoryTime storyTime = new StoryTime();
    private StoryClock clock;
    private final ReplayStamps stamps = new ReplayStamps(storyTime);
    private ServiceStandIn standIn;
    private SlackStandIn slack;
    private GitHubStandIn gitHub;
    /** CloudFormation's part when the story updates the platform stacks. */
    private StackUpdate stackUpdates;
    private dev.shiplane.sandbox.ecsengine.ServiceDeploymentControl deploymentControl;
    private dev.shiplane.core.config.ShiplaneConfig config;
    private int domainEvents;
    /** A serving sandbox was told to stop ({@code {"sandbox": "stop"}}). */
    private volatile boolean stopRequested;
    /**
     * Each account's operator entry behind its Function URL: an operator request goes to the entry of the account of
     * the environment it is about, signed by an operator of that account.
     */
    private final java.util.Map<String, OperatorRequests> operatorRequests = new java.util.LinkedHashMap<>();

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
        this.config = config;
        timeline.say("shiplane sandbox");
        var storyFiles = storyFiles();
        if (storyFiles == null) return 1;

        // IAM enforcement covers a whole moto server: this run has one of its own.
        var moto = MotoServer.start();
        try {
            return play(config, storyFiles, moto);
        } finally {
            operatorRequests.values().forEach(OperatorRequests::close);
            moto.stop();
        }
    }

    private int play(dev.shiplane.core.config.ShiplaneConfig config, List<Path> storyFiles, MotoServer moto)
            throws Exception {
        accounts = Accounts.of(config);
        // moto separates accounts by access key: the harness administers each account as a role of that account.
        var iam = IamEnforcement.switchOn(moto, accounts.others());
        timeline.say("  emulator   " + iam.describe());
        var templateDir = synthQuietly();
        var harness = new java.util.LinkedHashMap<String, TestAws>();
        accounts.all().forEach(account -> harness.put(account, new TestAws(iam.in(account))));
        var aws = harness.get(accounts.primary());
        var rotationConfig = RotationWorld.prepare(aws, config, options.configFile(), options.workDir(), timeline);
        for (var account : accounts.others()) {
            RotationWorld.prepareIn(account, harness.get(account), config, rotationConfig, options.workDir(), timeline);
        }
        var functionConfig = standIn.pointChecksHere(config, rotationConfig,
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
            clock = new StoryClock(harness, storyTime);
            var rewrites = new java.util.TreeSet<String>();
            int roleCount = 0;
            for (var account : accounts.all()) {
                var accountAws = harness.get(account);
                var templateFile = templateDir.resolve(accounts.templateFile(account));
                var template = CloudTemplate.read(templateFile, account);
                var roles = new FunctionRoles(accountAws, template, iam, account);
                var inAccount = accounts.environmentsIn(account);
                // every account's notify function posts to the one Slack channel
                if (!account.equals(accounts.primary())) slack.provision(accountAws);
                var progressive = ProgressiveWorld.provision(accountAws, config, inAccount);
                var world = SandboxWorld.provision(accountAws, config, inAccount, accounts.primary(), template,
                        functionConfig, functionLog, roles, gitHub.api(), storyTime);
                var prefix = accounts.all().size() == 1 ? "" : "account " + account + " ("
                        + String.join(", ", accounts.environmentNamesIn(account)) + "): ";
                timeline.say("  template   " + prefix + templateFile + " (" + world.rules() + " rules → "
                        + world.functions() + " function(s), targets replaced by SQS queues)");
                var engine = startEcsEngine(accountAws, account, moto, config, inAccount, template, functionConfig,
                        functionLog, roles);
                var forwarding = CrossAccountForwarding.provision(accountAws, template, world.dispatcher(),
                        harness::get);
                if (forwarding.rules() > 0) {
                    timeline.say("  forwarding " + prefix + forwarding.rules() + " rule(s) target another account's"
                            + " bus: EventBridge's delivery is played by the sandbox (AWS's part: the event keeps its"
                            + " id and the sender's account)");
                }
                var cli = accountAws.environment(java.util.Map.of(DeliveryEnvironment.BUS_NAME,
                        template.eventBusName(), DeliveryEnvironment.LEDGER_TABLE, template.ledgerTableName(),
                        CommonEnvironment.CONFIG_FILE, options.configFile().toString()));
                worlds.add(new AccountWorld(account, accountAws, template, inAccount, world, progressive,
                        new EcsCompletionBridge(accountAws, storyTime, account), engine, forwarding, cli));
                rewrites.addAll(roles.rewrites());
                roleCount += roles.roles();
            }
            if (worlds.size() > 1) timeline.accounts(accountLabel(accounts.primary()));
            // each account's operator entry serves its own environments and is asked by operators of its account
            for (var w : worlds) {
                operatorRequests.put(w.account(), OperatorRequests.start(w.account(),
                        w.world().functionUrls().operatorEntry(), new OperatorIdentities(w.account(), w.aws(), iam)));
            }
            timeline.say("  story      " + options.eventsDir() + " (" + storyFiles.size() + " events)");
            timeline.say("  logs       " + functionLogFile);
            if (worlds.size() == 1) {
                timeline.say("  operators  " + operatorRequests.get(accounts.primary()).url() + " stands in for the"
                        + " operator function's AWS_IAM Function URL (the signature checked with the key's secret, the"
                        + " signer named as Lambda names it): every operator request goes there, signed as the"
                        + " operator the story plays");
            } else {
                operatorRequests.forEach((account, entry) -> timeline.say("  operators  account " + account + " ("
                        + String.join(", ", accounts.environmentNamesIn(account)) + "): " + entry.url()));
                timeline.say("             each stands in for that account's operator function's AWS_IAM Function URL"
                        + " (the signature checked with the key's secret, the signer named as Lambda names it): an"
                        + " operator request goes to the entry of its environment's account, signed as the operator"
                        + " the story plays, a principal of that account");
            }
            timeline.say("  slack      a local stand-in for the incoming webhook in " + Notifications.SLACK_SECRET_NAME
                    + " (✉ lines: what the notify function posted)");
            timeline.say("  github     " + gitHub.api() + " stands in for GitHub's Packages API (the token in "
                    + GitHubStandIn.TOKEN_SECRET + "; the samples in events/github/packages-api-version-*.json)");
            timeline.say("  iam        moto enforces IAM: each of the " + roleCount + " function roles runs as"
                    + " the template's policy allows (rewritten only as moto needs: " + String.join(", ", rewrites)
                    + "); a refused call fails the run");
            stackUpdates = new StackUpdate(options.workDir().resolve("cdk.out-platforms"), options.configFile(),
                    options.workDir(), moto.endpoint(), stack -> {
                        // a platform stack per environment (ShiplaneServiceInfra-<env>), deployed to its account
                        var account = config.environments().stream().filter(e -> stack.endsWith("-" + e.name()))
                                .findFirst().map(e -> accounts.ofEnvironment(e.name())).orElse(accounts.primary());
                        var caller = iam.in(account).environment();
                        return new StackUpdate.Caller(account, caller.get("AWS_ACCESS_KEY_ID"),
                                caller.get("AWS_SESSION_TOKEN"));
                    });
            for (var file : storyFiles) {
                replay(file);
            }
            if (options.serve()) serve();
        }
        var waiting = clock.waiting();
        if (!waiting.isEmpty()) {
            timeline.say("");
            timeline.say("Schedules still waiting (advance the story to fire them): " + String.join(", ", waiting));
        }
        timeline.say("");
        timeline.say("ECS services now:");
        for (var w : worlds) {
            if (worlds.size() > 1) timeline.say("  account " + accountLabel(w.account()));
            new ServiceTable(w.aws(), config, w.inAccount()).print(timeline);
        }
        timeline.say("");
        for (var w : worlds) {
            timeline.say("$ shiplane status   (the ledger" + (worlds.size() > 1 ? " of account " + w.account() : "")
                    + ", with the DORA figures of this run)");
            shiplane(w.cliEnvironment(), java.util.List.of("status"));
        }
        timeline.say("");
        failures += checkLedgerAgainstEcs(config);
        if (worlds.size() > 1) failures += checkAccountsApart(config);
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

    /** Every environment's cluster and ledger heads in its own account only; each leak fails the run. */
    private int checkAccountsApart(dev.shiplane.core.config.ShiplaneConfig config) {
        var report = AccountSeparation.check(config, accounts, worlds);
        if (report.leaks().isEmpty()) {
            timeline.say("✓ the accounts are apart (each read with its own credentials): "
                    + String.join("; ", report.apart()));
        } else {
            timeline.say("✗ an environment's resources are outside its account:");
            report.leaks().forEach(leak -> timeline.say("    " + leak));
        }
        return report.leaks().size();
    }

    /**
     * The ledger must agree with ECS once the story has run: every head names as stable the revision ECS runs, with
     * its image (testkit's {@link LedgerAgreement}). Returns the number of disagreements, each a failure of the run.
     */
    private int checkLedgerAgainstEcs(dev.shiplane.core.config.ShiplaneConfig config) {
        // each account's ledger has heads for its own environments only: the others are skipped as never written
        List<String> agreeing = new ArrayList<>();
        List<String> unsettled = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        for (var w : worlds) {
            var one = new LedgerAgreement(w.aws()).check(config,
                    new dev.shiplane.aws.DynamoDbLedger(w.aws().dynamo(), w.template().ledgerTableName()));
            agreeing.addAll(one.agreeing());
            unsettled.addAll(one.unsettled());
            disagreements.addAll(one.disagreements());
        }
        var report = new LedgerAgreement.Report(agreeing, unsettled, disagreements);
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

    private void replay(Path file) throws Exception {
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
            follow(event);
            return;
        }
        if (event.has("time")) {
            // The event happens now in the story, on the functions' clock: lead time runs from this push, time to
            // restore from this alarm, whatever day the story is replayed.
            bytes = JSON.writeValueAsBytes(stamps.event((com.fasterxml.jackson.databind.node.ObjectNode) event));
        }
        // The event happens in the account it names (AWS's and shiplane's events alike); the primary one otherwise.
        var where = worldOf(accounts.known(event.path("account").asText()).orElse(accounts.primary()));
        if ("aws.cloudwatch".equals(event.path("source").asText())) {
            // The story says CloudWatch changed an alarm's state; moto's alarm must agree for the functions reading it.
            var detail = event.path("detail");
            where.progressive().alarmState(detail.path("alarmName").asText(),
                    detail.path("state").path("value").asText(), detail.path("state").path("reason").asText(null));
            // ECS watches a deployment's rollback alarms itself, not through the event: it acts on the new state as
            // CloudWatch sends the event to the functions.
            emit(where.engineProgress(clock.now(), clock.advancedTo()), where);
        }
        if (OperatorRequests.isRequest(event)) {
            // an operator's request goes through the operator entry, as the operator it names: never onto the bus
            var request = OperatorRequests.asCliRun(event);
            operatorRuns(request.as(), request.args(), 0);
            settle(false);
            return;
        }
        if (FunctionUrlRequests.isRequest(event)) {
            deliverOverHttps(stamps.gitHubDelivery((com.fasterxml.jackson.databind.node.ObjectNode) event));
            return;
        }
        try {
            injectScheduledOrSingle(event, bytes, where);
        } catch (RuntimeException e) {
            timeline.say("  ✗ the event could not be put on a bus: " + e.getMessage());
            failures++;
            return;
        }
        settle();
    }

    /**
     * A story's Scheduled Event fires in every account whose stack has that schedule rule (a cron rule deployed in
     * two accounts fires in both); any other event is put on a bus of the account it happens in.
     */
    private void injectScheduledOrSingle(JsonNode event, byte[] bytes, AccountWorld where) throws IOException {
        if ("aws.events".equals(event.path("source").asText())
                && "Scheduled Event".equals(event.path("detail-type").asText())) {
            var ruleArn = event.path("resources").path(0).asText();
            var rule = ruleArn.substring(ruleArn.lastIndexOf('/') + 1);
            var firing = worlds.stream().filter(w -> w.dispatcher().hasSchedule(rule)).toList();
            if (firing.size() > 1) {
                for (var w : firing) w.dispatcher().inject(bytes);
                return;
            }
        }
        where.dispatcher().inject(bytes);
    }

    /**
     * {@code --serve}: the world keeps running after the story. Files dropped in the inbox are replayed as story files
     * (so an advance directive is the clock command), and whatever reaches the bus otherwise (an operator's
     * {@code shiplane --local} request) is dispatched, until a stop directive arrives.
     */
    private void serve() throws Exception {
        // the primary account's: a `shiplane --local` command for another account's environment is refused by the CLI
        // (credentials of another account), as it would be with one AWS profile
        var environment = new java.util.TreeMap<>(cliEnvironmentOf(accounts.primary()));
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
                    replay(file);
                    var ahead = storyTime.ahead().toString();
                    if (!ahead.equals(environment.put(dev.shiplane.cli.ShiplaneCli.SANDBOX_CLOCK_AHEAD, ahead))) {
                        inbox.writeEnvironment(environment);
                    }
                    if (stopRequested) break;
                }
                settle(false);
                // the harness looks for work a few times a second: nothing here is a Lambda handler
                Thread.sleep(250);
            }
        }
    }

    /** A sandbox directive: move the story's clock (firing due schedules), or make ECS fail the next rollout. */
    private void follow(JsonNode file) throws Exception {
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
                var pushed = EcrPushes.putIndex(primary().aws(), image, stamps.now());
                timeline.awsEmits("ECR: " + image.repository() + ":" + image.tag() + " pushed as an image index"
                        + " (" + Timeline.shortDigest(image.digest()) + ")" + pushed);
                // AWS's part: ECR serves the primary account's repository to the other accounts' calls naming it
                for (var w : worlds.subList(1, worlds.size())) {
                    EcrPushes.putIndex(w.aws(), accounts.primary(), image, stamps.now());
                }
            }
            case StoryDirective.EcsWillFail f -> {
                worldOfCluster(f.cluster()).bridge().willFail(f.cluster(), f.service(), f.reason());
                timeline.say("  · the next ECS deployment of " + f.cluster() + "/" + f.service() + " will fail");
            }
            case StoryDirective.StackUpdateDirective u -> {
                var applied = stackUpdates.apply(u.set(), clock.now());
                applied.lines().forEach(line -> timeline.awsEmits("CloudFormation: " + line));
                for (var event : applied.events()) {
                    worldOf(accounts.known(JSON.readTree(event).path("account").asText()).orElse(accounts.primary()))
                            .dispatcher().inject(event);
                }
                settle();
            }
            case StoryDirective.Cli cli -> {
                operatorRuns(cli.as(), cli.args(), cli.exit());
                settle(false);
            }
            case StoryDirective.Advance a -> {
                var start = clock.now();
                var until = start.plus(a.by());
                while (true) {
                    // ECS's engine waits (bakes, hook callbacks, pauses) on the story clock, like the schedules.
                    var scheduleDue = clock.nextScheduleDue();
                    var engineDue = worlds.stream().filter(w -> w.engine() != null)
                            .flatMap(w -> w.engine().nextDue().stream()).filter(t -> !t.isAfter(until))
                            .min(java.time.Instant::compareTo).orElse(null);
                    if (engineDue != null && (scheduleDue == null || engineDue.isBefore(scheduleDue))) {
                        clock.moveTo(engineDue);
                        timeline.say("  ⏱ +" + java.time.Duration.between(start, clock.now()).toMinutes()
                                + "m ECS's engine: a wait ends");
                        settle(false);
                        continue;
                    }
                    var due = clock.fireNextDueBy(until);
                    if (due == null) break;
                    var fired = due.fired();
                    var event = JSON.readTree(fired.event());
                    timeline.say("  ⏱ +" + java.time.Duration.between(start, clock.now()).toMinutes() + "m Scheduler: "
                            + fired.name() + " puts " + event.path("detail-type").asText() + " on the bus"
                            + (worlds.size() > 1 ? " (account " + due.account() + ")" : ""));
                    worldOf(due.account()).dispatcher().inject(fired.event());
                    settle(false);
                }
                clock.moveTo(until);
            }
        }
    }

    /** An account as the timeline names it: its id and its environments. */
    private String accountLabel(String account) {
        return account + " (" + String.join(", ", accounts.environmentNamesIn(account)) + ")";
    }

    private AccountWorld primary() {
        return worlds.getFirst();
    }

    private AccountWorld worldOf(String account) {
        return worlds.stream().filter(w -> w.account().equals(account)).findFirst().orElseThrow(
                () -> new IllegalStateException("no world for account " + account));
    }

    /** The world of the environment whose cluster is {@code cluster} (the primary one if none is). */
    private AccountWorld worldOfCluster(String cluster) {
        return config().environments().stream().filter(e -> e.cluster().equals(cluster)).findFirst()
                .map(e -> worldOf(accounts.ofEnvironment(e.name()))).orElse(primary());
    }

    /**
     * ECS's engine for the services on it in {@code account}: their deploymentConfiguration and listener rules as the
     * stack creates them, and shiplane's hooks function of that account's template hosted as their Lambda hook.
     *
     * @return {@code null} when no service of this account is on ECS's engine
     */
    private dev.shiplane.sandbox.ecsengine.EcsNativeController startEcsEngine(
            TestAws aws, String account, MotoServer moto, dev.shiplane.core.config.ShiplaneConfig config,
            java.util.function.Predicate<String> inAccount, CloudTemplate template, Path functionConfig,
            PrintStream functionLog, FunctionCredentials credentials) {
        var onEcsEngine = config.services().stream().filter(s -> s.onEcsEngine())
                .filter(s -> s.environments().stream().anyMatch(inAccount)).map(s -> s.name()).toList();
        var hooks = new TemplateHooks();
        var ids = template.functionsWithHandler(HOOKS_HANDLER);
        if (ids.isEmpty() && onEcsEngine.isEmpty()) return null;
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
                + dev.shiplane.testkit.AwsEmulator.REGION + ":" + account + ":function:" + name + ":live", roleArn);
        var traffic = NativeEngineWorld.provision(aws, config, inAccount, hooksFunction);
        if (!onEcsEngine.isEmpty()) {
            timeline.say("  ecs engine " + String.join(", ", onEcsEngine)
                    + " on ECS's own engine, played by the sandbox (Lambda hook " + hooksFunction.aliasArn() + ")");
        }
        return new dev.shiplane.sandbox.ecsengine.EcsNativeController(aws.ecs(),
                aws.build(software.amazon.awssdk.services.cloudwatch.CloudWatchClient.builder()),
                engineControl(moto).forAccount(account), hooks, traffic);
    }

    /** The moto launcher's one control endpoint for service deployments, which each account's engine views. */
    private dev.shiplane.sandbox.ecsengine.ServiceDeploymentControl engineControl(MotoServer moto) {
        if (deploymentControl == null) {
            deploymentControl = new dev.shiplane.sandbox.ecsengine.ServiceDeploymentControl(moto.endpoint());
        }
        return deploymentControl;
    }

    /** Runs the CLI in this JVM against the emulator, as {@code environment} says; its output goes on the timeline. */
    private int shiplane(java.util.Map<String, String> environment, List<String> args) {
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        int exit = dev.shiplane.cli.ShiplaneCli.run(environment, storyTime, new java.io.PrintWriter(out),
                new java.io.PrintWriter(err), args.toArray(String[]::new));
        (out.toString() + err).lines().forEach(line -> timeline.say("    " + line));
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
        // the command acts in the account of the environment it names, through that account's entry
        var account = accounts.ofCommand(args);
        int exit;
        try {
            exit = shiplane(args, operatorRequests.get(account).environmentAs(as, cliEnvironmentOf(account)));
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

    /**
     * What {@code shiplane} sees acting on {@code account}: the emulator with that account's credentials, its
     * template's bus and ledger, the story's config, and its operator entry's URL.
     */
    private java.util.Map<String, String> cliEnvironmentOf(String account) {
        var env = new java.util.HashMap<>(worldOf(account).cliEnvironment());
        env.put(dev.shiplane.cli.ShiplaneCli.OPERATOR_URL, operatorRequests.get(account).url());
        return java.util.Map.copyOf(env);
    }

    /**
     * A Function URL request (a GitHub webhook delivery): signed and sent to the URL's function; its HTTP answer goes
     * on the timeline, then whatever it published runs through the rules like any other event. A 4xx answer is the
     * function doing its job (a forged signature must get 401); only a failure or a 5xx counts as not handled.
     * GitHub calls the webhook of the primary account's stack.
     */
    private void deliverOverHttps(JsonNode request) throws Exception {
        try {
            var answer = primary().world().functionUrls().deliver(request);
            gitHub.drain().forEach(asked -> timeline.say("  ⇄ GitHub API ← " + asked));
            timeline.say("  ⇄ " + answer.function() + " ← HTTPS " + answer.path() + ": " + answer.status() + " "
                    + answer.outcome() + " (" + answer.reason() + ")");
            if (answer.status() >= 500) failures++;
        } catch (RuntimeException e) {
            timeline.say("  ✗ the request failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            failures++;
        }
        settle(false);
    }

    /** Runs functions until nothing is left to do, emitting the ECS completions AWS would send on the way. */
    private void settle() throws Exception {
        settle(true);
    }

    /**
     * @param reportIdle whether to say so when no rule matched (not after an HTTPS request, answered already)
     */
    private void settle(boolean reportIdle) throws Exception {
        boolean invokedAny = false;
        while (true) {
            boolean worked = false;
            for (var w : worlds) {
                timeline.workIn(accountLabel(w.account()));
                var invocations = w.dispatcher().drain();
                for (var invocation : invocations) {
                    timeline.invocation(invocation);
                    if (invocation.deadLettered()) failures++;
                }
                slack.drain().forEach(timeline::slack);
                invokedAny |= !invocations.isEmpty();
                List<JsonNode> published = new ArrayList<>();
                for (var body : w.world().timeline().drain()) {
                    var event = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(body);
                    // moto's SQS target leaves the envelope's account out; EventBridge's carries it: the account of
                    // the bus it was published on, unless another account's rule forwarded it here
                    if (!event.has("account")) event.put("account", w.account());
                    // an event another account's rule forwarded here was published there (and is on its timeline)
                    if (!event.path("account").asText(w.account()).equals(w.account())) continue;
                    published.add(event);
                    timeline.domainEvent(event);
                    domainEvents++;
                }
                for (var crossed : w.forwarding().deliver()) {
                    timeline.awsEmits("EventBridge: " + crossed.detailType() + " " + crossed.id() + " forwarded by rule "
                            + crossed.rule() + " from account " + crossed.fromAccount() + " to account "
                            + crossed.toAccount() + " (account " + crossed.fromAccount() + " kept) → "
                            + (crossed.matchedRules().isEmpty() ? "no rule there matched"
                            : "rules " + String.join(", ", crossed.matchedRules())));
                    worked = true;
                }
                var completions = w.bridge().completionsFor(published);
                var engine = w.engineProgress(clock.now(), clock.advancedTo());
                worked |= !completions.isEmpty() || !invocations.isEmpty() || !engine.isEmpty();
                for (var completion : completions) {
                    timeline.awsEmits("ECS: " + completion.cluster() + "/" + completion.service() + " deployment "
                            + completion.ecsDeploymentId() + (completion.completed() ? " completed" : " FAILED"));
                    w.dispatcher().inject(completion.event());
                }
                emit(engine, w);
            }
            if (!worked) break;
        }
        if (!invokedAny && reportIdle) {
            timeline.say("  · no rule matched: nothing was invoked");
        }
    }

    /** What ECS's engine did goes on the timeline as AWS's part; the events it sent go on the account's default bus. */
    private void emit(List<dev.shiplane.sandbox.ecsengine.EcsNativeController.Emitted> emitted, AccountWorld w)
            throws IOException {
        timeline.workIn(accountLabel(w.account()));
        for (var e : emitted) {
            timeline.awsEmits("ECS: " + e.line());
            if (e.event() != null) w.dispatcher().inject(e.event());
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

    private dev.shiplane.core.config.ShiplaneConfig config() {
        return config;
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
