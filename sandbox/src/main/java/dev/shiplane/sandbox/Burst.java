package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.contract.config.ConfigLoader;
import dev.shiplane.infra.ShiplaneApp;
import dev.shiplane.testkit.MotoServer;
import dev.shiplane.testkit.TestAws;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The burst benchmark: a generated {@link BurstPlan} of ECR pushes put on the default bus all at once, then the
 * sandbox dispatcher runs the real handlers through the synthesized rules on moto (as {@link Sandbox} does, one
 * invocation at a time, ECS completions emitted on the way) until nothing is left to do. It measures wall time,
 * pushes per second and each handler's latency, and checks what must hold whatever the load: no push lost (each one
 * ends in a {@code Deployment Started} or a {@code Deployment Skipped} with a reason), no deployment duplicated (at
 * most one {@code Deployment Started} per digest per environment), every service on (or rolling out) the last image
 * pushed for it, and no invocation dead-lettered.
 * <p>
 * It measures one account's delivery stack on purpose, whatever the repository's shiplane.yml says about accounts:
 * its generated configuration ({@link BurstPlan#configYaml()}) names none, so one stack serves both environments and
 * every push lands on it, the most load one stack can be given. Two accounts would split the same pushes between two
 * stacks and add only EventBridge's forwarding, which is AWS's part and not shiplane's code.
 *
 * <pre>java … dev.shiplane.sandbox.Burst [--pushes 1000] [--services 30] [--canaries 10] [--seed 9]
 *     [--report sandbox/target/burst/burst.md] [--work-dir sandbox/target/burst]</pre>
 * Exit status 0 when every property held (the report is written), 1 otherwise (the violations on standard error).
 */
public final class Burst {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One handler invocation as measured; {@code sdkNanos} of it in AWS SDK calls (0 when not timed). */
    record Measured(String function, String detailType, long nanos, long sdkNanos, String error,
                    boolean deadLettered) {
        boolean failed() {
            return error != null;
        }
    }

    /** What a run produced; {@code violations} empty means every correctness property held. */
    record Result(BurstPlan plan, long injectNanos, long wallNanos, List<Measured> invocations,
                  List<JsonNode> domainEvents, int ecsCompletions, List<String> violations, int servicesOnLastImage,
                  String machine) {

        long count(String detailType) {
            return domainEvents.stream().filter(e -> detailType.equals(e.path("detail-type").asText())).count();
        }

        long failedInvocations() {
            return invocations.stream().filter(Measured::failed).count();
        }

        long deadLettered() {
            return invocations.stream().filter(Measured::deadLettered).count();
        }
    }

    private Burst() {}

    public static void main(String[] args) throws Exception {
        int pushes = 1000;
        int services = 30;
        int canaries = 10;
        long seed = 9;
        var root = dev.shiplane.testkit.RepoFiles.root();
        Path report = root.resolve("sandbox/target/burst/burst.md");
        Path workDir = root.resolve("sandbox/target/burst");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--pushes" -> pushes = Integer.parseInt(args[++i]);
                case "--services" -> services = Integer.parseInt(args[++i]);
                case "--canaries" -> canaries = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--report" -> report = Path.of(args[++i]).toAbsolutePath();
                case "--work-dir" -> workDir = Path.of(args[++i]).toAbsolutePath();
                default -> {
                    System.err.println("burst: unknown argument '" + args[i] + "'");
                    System.exit(2);
                }
            }
        }
        Files.deleteIfExists(report);
        var result = run(BurstPlan.generate(services, canaries, pushes, seed), workDir, System.err);
        if (!result.violations().isEmpty()) {
            System.err.println("burst: " + result.violations().size() + " correctness violation(s):");
            result.violations().forEach(v -> System.err.println("  ✗ " + v));
            System.exit(1);
        }
        Files.createDirectories(report.getParent());
        Files.writeString(report, markdown(result));
        System.err.println("burst: report written to " + report);
        System.out.print(markdown(result));
        System.exit(0);
    }

    /** Provisions the world for {@code plan}, pushes every image, settles, and checks the outcome. */
    static Result run(BurstPlan plan, Path workDir, PrintStream progress) throws Exception {
        Files.createDirectories(workDir);
        var configFile = workDir.resolve("shiplane-burst.yml");
        Files.writeString(configFile, plan.configYaml());
        var config = ConfigLoader.load(configFile);
        progress.println("burst: " + plan.pushes().size() + " pushes over " + plan.services().size() + " services ("
                + plan.canaryCount() + " canary), seed " + plan.seed() + "; config " + configFile);

        var moto = MotoServer.startOrReuse();
        moto.reset();
        var template = CloudTemplate.read(synthQuietly(configFile, workDir).resolve(ShiplaneApp.TEMPLATE_FILE));
        var aws = new TestAws(moto);
        // The notify function hears every lifecycle event, as in production: it posts to a local Slack stand-in.
        try (var functionLog = new PrintStream(new FileOutputStream(workDir.resolve("functions.log").toFile()), true);
             var slack = SlackStandIn.start(aws)) {
            ProgressiveWorld.provision(aws, config);
            var world = SandboxWorld.provision(aws, config, template, configFile, functionLog,
                    FunctionCredentials.HARNESS, null, java.time.Clock.systemUTC());
            // The burst never advances a story: the machine's clock is its clock.
            var bridge = new EcsCompletionBridge(aws, java.time.Clock.systemUTC());
            progress.println("burst: world provisioned (" + world.rules() + " rules → " + world.functions()
                    + " functions); pushing");

            long start = System.nanoTime();
            for (var push : plan.pushes()) {
                world.dispatcher().inject(push.event());
            }
            long injected = System.nanoTime() - start;
            List<Measured> invocations = new ArrayList<>();
            List<JsonNode> domainEvents = new ArrayList<>();
            int completions = settle(world, bridge, invocations, domainEvents, progress);
            long wall = System.nanoTime() - start;
            progress.printf(Locale.ROOT, "burst: settled in %.1f s (%d invocations)%n", wall / 1e9,
                    invocations.size());

            List<String> violations = new ArrayList<>();
            int onLast = check(plan, aws, invocations, domainEvents, violations);
            return new Result(plan, injected, wall, invocations, domainEvents, completions, violations, onLast,
                    machine());
        }
    }

    /**
     * As {@link Sandbox}'s settle: run functions until every queue is empty, emitting the ECS completion of every
     * deployment started. A completion is emitted once per ECS deployment: when several pushes of a service start in
     * one round, ECS replaces the earlier deployments and completes only the last (its PRIMARY).
     */
    private static int settle(SandboxWorld.Provisioned world, EcsCompletionBridge bridge, List<Measured> invocations,
                              List<JsonNode> domainEvents, PrintStream progress) throws Exception {
        Set<String> completed = new HashSet<>();
        int rounds = 0;
        while (true) {
            var round = world.dispatcher().drain();
            for (var i : round) {
                invocations.add(new Measured(i.function(), i.detailType(), i.nanos(), i.sdkNanos(), i.error(),
                        i.deadLettered()));
                if (i.error() != null) {
                    progress.println("burst: " + i.function() + " ← " + i.detailType() + " failed"
                            + (i.deadLettered() ? " (dead-lettered)" : " (will be retried)") + ": " + i.error());
                }
            }
            List<JsonNode> published = new ArrayList<>();
            for (var body : world.timeline().drain()) {
                published.add(JSON.readTree(body));
            }
            domainEvents.addAll(published);
            var completions = bridge.completionsFor(published).stream()
                    .filter(c -> completed.add(c.ecsDeploymentId())).toList();
            progress.println("burst: round " + (++rounds) + ": " + round.size() + " invocations, "
                    + published.size() + " domain events, " + completions.size() + " ECS completions");
            if (completions.isEmpty() && round.isEmpty()) return completed.size();
            for (var completion : completions) {
                world.dispatcher().inject(completion.event());
            }
        }
    }

    /** Checks the correctness properties; returns how many services end on (or roll out) their last image. */
    private static int check(BurstPlan plan, TestAws aws, List<Measured> invocations, List<JsonNode> events,
                             List<String> violations) {
        Map<String, List<JsonNode>> outcomesByPush = new HashMap<>();
        Map<String, List<JsonNode>> startedByDigestAndEnv = new HashMap<>();
        Map<String, List<JsonNode>> undoneByDeployment = new HashMap<>();
        for (var event : events) {
            var detail = event.path("detail");
            switch (event.path("detail-type").asText()) {
                case "Deployment Started" -> {
                    outcomesByPush.computeIfAbsent(detail.path("pushId").asText(), k -> new ArrayList<>()).add(event);
                    startedByDigestAndEnv.computeIfAbsent(detail.path("image").path("digest").asText() + " in "
                            + detail.path("env").asText(), k -> new ArrayList<>()).add(event);
                }
                case "Deployment Skipped" -> outcomesByPush.computeIfAbsent(detail.path("pushId").asText(),
                        k -> new ArrayList<>()).add(event);
                case "Deployment Aborted", "Deployment Rolled Back", "Deployment Failed" ->
                        undoneByDeployment.computeIfAbsent(detail.path("deploymentId").asText(),
                                k -> new ArrayList<>()).add(event);
                default -> { }
            }
        }
        // 0 lost: each push reached its service's environment as a deployment or a skip with a reason
        for (var push : plan.pushes()) {
            var outcomes = outcomesByPush.getOrDefault(push.eventId(), List.of()).stream()
                    .filter(e -> push.service().env().equals(e.path("detail").path("env").asText())
                            && push.service().name().equals(e.path("detail").path("service").asText()))
                    .toList();
            if (outcomes.isEmpty()) {
                violations.add("lost: push " + push.index() + " (" + push.service().repository() + ":" + push.tag()
                        + ", id " + push.eventId() + ") produced neither Deployment Started nor Deployment Skipped");
            }
            for (var skip : outcomes) {
                if ("Deployment Skipped".equals(skip.path("detail-type").asText())
                        && skip.path("detail").path("reason").asText("").isBlank()) {
                    violations.add("push " + push.index() + " was skipped without a reason: " + skip);
                }
            }
        }
        // 0 duplicated: at most one Deployment Started per digest per environment
        startedByDigestAndEnv.forEach((key, started) -> {
            if (started.size() > 1) {
                violations.add("duplicated: " + started.size() + " Deployment Started for " + key + " (deployments "
                        + started.stream().map(e -> e.path("detail").path("deploymentId").asText()).toList() + ")");
            }
        });
        // 0 dead-lettered
        invocations.stream().filter(Measured::deadLettered).forEach(i -> violations.add("dead-lettered: "
                + i.function() + " ← " + i.detailType() + ": " + i.error()));
        // every service on (or rolling out) the last image pushed for it
        int onLast = 0;
        for (var last : plan.lastPushes().values()) {
            var service = last.service();
            var started = outcomesByPush.getOrDefault(last.eventId(), List.of()).stream()
                    .filter(e -> "Deployment Started".equals(e.path("detail-type").asText())).toList();
            if (started.isEmpty()) {
                violations.add(service.env() + "/" + service.name() + ": its last push (" + service.repository() + ":"
                        + last.tag() + ") did not start a deployment");
                continue;
            }
            var detail = started.getFirst().path("detail");
            var undone = undoneByDeployment.get(detail.path("deploymentId").asText());
            if (undone != null) {
                violations.add(service.env() + "/" + service.name() + ": the deployment of its last push was undone: "
                        + undone.getFirst().path("detail-type").asText() + " " + undone.getFirst().path("detail"));
                continue;
            }
            var image = runningImage(aws, detail.path("cluster").asText(), detail.path("ecsService").asText(),
                    service.name());
            if (!image.contains(last.digest())) {
                violations.add(service.env() + "/" + service.name() + ": ECS service " + detail.path("ecsService")
                        .asText() + " runs " + image + ", not the last image pushed " + last.digest());
                continue;
            }
            onLast++;
        }
        return onLast;
    }

    /** When and on what the run ended: the figures grow with the machine's load. */
    private static String machine() {
        String load;
        try {
            var fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            load = "load average " + String.join(" ", java.util.Arrays.asList(fields).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            load = "load average unknown";
        }
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)) + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, " + load + " at the end of the run";
    }

    private static String runningImage(TestAws aws, String cluster, String ecsService, String container) {
        var service = aws.ecs().describeServices(r -> r.cluster(cluster).services(ecsService)).services().getFirst();
        var definition = aws.ecs().describeTaskDefinition(r -> r.taskDefinition(service.taskDefinition()))
                .taskDefinition();
        return definition.containerDefinitions().stream().filter(c -> container.equals(c.name())).findFirst()
                .map(c -> c.image()).orElse("(no container " + container + " in " + service.taskDefinition() + ")");
    }

    /** The report section scripts/bench folds into docs/PERFORMANCE.md under "Burst". */
    static String markdown(Result r) {
        var plan = r.plan();
        int n = plan.pushes().size();
        Map<String, List<Long>> byKind = new TreeMap<>();
        Map<String, List<Long>> byFunction = new TreeMap<>();
        for (var i : r.invocations()) {
            byKind.computeIfAbsent(i.function() + " | " + i.detailType(), k -> new ArrayList<>()).add(i.nanos());
            byFunction.computeIfAbsent(i.function(), k -> new ArrayList<>()).add(i.nanos());
        }
        Map<String, Long> skipped = new TreeMap<>();
        r.domainEvents().stream().filter(e -> "Deployment Skipped".equals(e.path("detail-type").asText()))
                .forEach(e -> skipped.merge(e.path("detail").path("reason").asText(), 1L, Long::sum));
        Map<String, Long> types = new LinkedHashMap<>();
        r.domainEvents().forEach(e -> types.merge(e.path("detail-type").asText(), 1L, Long::sum));
        var longestRun = longestRun(plan);
        var md = new StringBuilder();
        md.append(String.format(Locale.ROOT, """
                %,d ECR pushes (`ECR Image Action`, distinct digests, increasing semver tags per service; seed %d) over \
                %d services (%d rolling, %d canary, each in one of %d environments, each its own ECR repository), \
                put on the default bus at once, all in one account: the burst's configuration names no accounts, so \
                one delivery stack serves both environments and carries the whole load (where environments are in \
                separate accounts, each account's stack carries its own environments' share, and EventBridge's \
                cross-account delivery between them is AWS's part, not measured here); then the sandbox dispatcher ran the real handlers through the \
                synthesized rules on moto until every queue was empty, emitting ECS's completion of each deployment \
                as the sandbox does (`scripts/bench` runs `dev.shiplane.sandbox.Burst`). Pushes come in runs on one \
                service (the longest: %d in a row), so later pushes supersede deployments still in progress. \
                Invocations run one at a time in one JVM, each against moto on the same machine: latency is mostly \
                emulator round-trips, and the rate is a floor for what concurrent Lambdas reach, not a forecast.

                **%,d pushes settled in %.1f s: %.1f pushes/s** (%,d invocations, %.1f invocations/s; putting the \
                pushes on the bus took %.1f s of it). Measured %s.

                | function | event | invocations | p50 | p99 | max |
                |---|---|---|---|---|---|
                """, n, plan.seed(), plan.services().size(), plan.services().size() - plan.canaryCount(),
                plan.canaryCount(), BurstPlan.ENVIRONMENTS.size(), longestRun, n, r.wallNanos() / 1e9,
                n / (r.wallNanos() / 1e9), r.invocations().size(), r.invocations().size() / (r.wallNanos() / 1e9),
                r.injectNanos() / 1e9, r.machine()));
        byKind.forEach((kind, nanos) -> md.append(row(kind, nanos)));
        byFunction.forEach((function, nanos) -> md.append(row("**" + function + "** | all", nanos)));
        md.append(ownTime(r));
        md.append("\n| domain event | count |\n|---|---|\n");
        types.forEach((type, count) -> md.append("| ").append(type).append(type.equals("Deployment Skipped")
                ? " (" + skipped.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .reduce((a, b) -> a + ", " + b).orElse("") + ")" : "")
                .append(" | ").append(count).append(" |\n"));
        md.append(String.format(Locale.ROOT, """

                Correctness (asserted: the run fails instead of writing this section otherwise): **0 pushes lost** \
                (each of the %,d ended in a `Deployment Started` or a `Deployment Skipped` with a reason, counted on \
                the bus), **0 duplicated deployments** (at most one `Deployment Started` per digest per environment), \
                **%d of %d services** on, or rolling out, the last image pushed for them (the ECS service's task \
                definition), **0 invocations dead-lettered** (%d failed and were retried). ECS completions emitted: \
                %d. `BurstIT` asserts the same properties on a smaller burst in every `mvn verify`.
                """, n, r.servicesOnLastImage(), plan.services().size(), r.failedInvocations(), r.ecsCompletions()));
        return md.toString();
    }

    /** The target: a warm invocation's handler time, less its SDK calls, p99 ≤ 50 ms. */
    static final long OWN_TIME_TARGET_NANOS = 50_000_000L;

    /**
     * Per function, the handler's own time of its warm invocations (every one but the first in this JVM): the
     * handler's time less what its AWS SDK calls took, as {@link SdkCallTiming} timed them.
     */
    static String ownTime(Result r) {
        Map<String, List<Measured>> byFunction = new TreeMap<>();
        r.invocations().forEach(i -> byFunction.computeIfAbsent(i.function(), k -> new ArrayList<>()).add(i));
        if (r.invocations().stream().allMatch(i -> i.sdkNanos() == 0)) {
            return "\nSDK calls were not timed in this run (`scripts/burst` adds the timing interceptor), so the"
                    + " handlers' own time is not reported.\n";
        }
        var md = new StringBuilder("""

                **Warm invocations: handler time less SDK calls** (each function's first invocation in this JVM left \
                out; SDK-call time from an SDK `ExecutionInterceptor` loaded with each function's package, from the \
                call until it returned: marshalling, signing, the round trip and retries). Target: p99 ≤ 50 ms.

                | function | warm invocations | share of handler time in SDK calls | p50 own time | p99 own time | p99 ≤ 50 ms |
                |---|---|---|---|---|---|
                """);
        byFunction.forEach((function, all) -> {
            var warm = all.subList(Math.min(1, all.size()), all.size());
            if (warm.isEmpty()) return;
            var own = warm.stream().map(i -> Math.max(0, i.nanos() - i.sdkNanos())).sorted().toList();
            long total = warm.stream().mapToLong(Measured::nanos).sum();
            long sdk = warm.stream().mapToLong(Measured::sdkNanos).sum();
            long p99 = percentile(own, 99);
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.0f%% | %s | %s | %s |%n", function, warm.size(),
                    total == 0 ? 0.0 : 100.0 * sdk / total, ms(percentile(own, 50)), ms(p99),
                    p99 <= OWN_TIME_TARGET_NANOS ? "yes" : "**no**"));
        });
        return md.toString();
    }

    private static String row(String kind, List<Long> nanos) {
        var sorted = nanos.stream().sorted().toList();
        return String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s |%n", kind, sorted.size(),
                ms(percentile(sorted, 50)), ms(percentile(sorted, 99)), ms(sorted.getLast()));
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
    }

    private static int longestRun(BurstPlan plan) {
        int longest = 0;
        int run = 0;
        BurstPlan.Service previous = null;
        for (var push : plan.pushes()) {
            run = push.service().equals(previous) ? run + 1 : 1;
            previous = push.service();
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /** The jsii runtime prints Node's end-of-life banner on standard error; it belongs in a log. */
    private static Path synthQuietly(Path configFile, Path workDir) throws IOException {
        var console = System.err;
        try (var log = new PrintStream(new FileOutputStream(workDir.resolve("synth.log").toFile()), true)) {
            System.setErr(log);
            return ShiplaneApp.synth(configFile, workDir.resolve("cdk.out"));
        } finally {
            System.setErr(console);
        }
    }
}
