package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.contract.config.ConfigLoader;
import dev.shiplane.testkit.AwsEmulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code scripts/soak}: the sandbox driven through simulated days. A serving sandbox ({@code --serve --json}) runs in
 * this JVM; each day's story ({@link SoakStory}, seeded) is dropped in its inbox, followed by a checkpoint (the CLI's
 * {@code --version}, which changes nothing): once the sandbox reaches the checkpoint, everything before it has been
 * handled and the day's clock advances have fired every schedule that came due, and {@link SoakInvariants} are
 * checked against the emulator, the ledger and the domain events. Where shiplane.yml puts environments in separate
 * accounts, each account's ECS services, ledger, schedules and secrets are read there ({@link SoakAccount}). A
 * violation ends the soak with exit status 1; so does an event the sandbox could not handle (dead-lettered) or a call
 * IAM refused.
 */
public final class Soak {

    static final String USAGE = """
            usage: scripts/soak [--days N] [--seed S] [--config FILE] [--work DIR]
              --days N       simulated days (default 35: two monthly rotations)
              --seed S       the story's randomness (default 1): the same seed, the same story
              --config FILE  shiplane configuration (default: shiplane.yml)
              --work DIR     the sandbox's work directory (default: .sandbox-soak)
            Exit status: 0 when every invariant held every day, 1 otherwise, 2 for bad arguments.""";

    /** How long one simulated day may take to replay before the soak gives up on the sandbox. */
    static final Duration DAY_LIMIT = Duration.ofMinutes(15);

    private static final ObjectMapper JSON = new ObjectMapper();

    record Options(int days, long seed, Path config, Path workDir) {

        static Options parse(String[] args) {
            var root = dev.shiplane.testkit.RepoFiles.root();
            int days = 35;
            long seed = 1;
            Path config = root.resolve("shiplane.yml");
            Path work = root.resolve(".sandbox-soak");
            for (int i = 0; i < args.length; i++) {
                var value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--days" -> days = Integer.parseInt(required(value, "--days"));
                    case "--seed" -> seed = Long.parseLong(required(value, "--seed"));
                    case "--config" -> config = Path.of(required(value, "--config")).toAbsolutePath();
                    case "--work" -> work = Path.of(required(value, "--work")).toAbsolutePath();
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
                i++;
            }
            if (days < 1) throw new IllegalArgumentException("--days must be at least 1");
            return new Options(days, seed, config, work);
        }

        private static String required(String value, String option) {
            if (value == null) throw new IllegalArgumentException(option + " needs a value");
            return value;
        }
    }

    private final Options options;
    private final PrintStream out;
    private final SandboxOutput sandboxOutput;

    Soak(Options options, PrintStream out) throws IOException {
        this.options = options;
        this.out = out;
        Files.createDirectories(options.workDir());
        this.sandboxOutput = new SandboxOutput(options.workDir().resolve("soak-timeline.log"));
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("soak: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        System.exit(new Soak(options, System.out).run());
    }

    int run() throws Exception {
        var story = new SoakStory(options.seed());
        var storyDir = options.workDir().resolve("soak-story");
        Files.createDirectories(storyDir);
        Files.writeString(storyDir.resolve("00-begin.json"),
                "{\"sandbox\": \"advance\", \"by\": \"1m\", \"why\": \"the soak begins\"}\n");
        var inbox = options.workDir().resolve(Inbox.DIRECTORY);
        var environmentFile = options.workDir().resolve(Inbox.ENVIRONMENT_FILE);
        Files.deleteIfExists(environmentFile);
        clear(inbox);

        var sandboxOptions = SandboxOptions.parse(new String[] {"--serve", "--json", "--events", storyDir.toString(),
                "--config", options.config().toString()}, options.workDir());
        int[] sandboxExit = {-1};
        Throwable[] sandboxFailure = {null};
        var sandbox = Thread.ofPlatform().name("soak-sandbox").start(() -> {
            try {
                sandboxExit[0] = new Sandbox(sandboxOptions, sandboxOutput.events(), sandboxOutput.timeline()).run();
            } catch (Throwable e) {
                sandboxFailure[0] = e;
            }
        });
        long start = System.nanoTime();
        out.printf("soak: %d simulated days, seed %d; the sandbox's timeline: %s%n", options.days(), options.seed(),
                sandboxOutput.file());
        var environment = awaitEnvironment(environmentFile, sandbox);
        if (environment == null) {
            out.println("soak: the sandbox did not start serving" + (sandboxFailure[0] == null ? ""
                    : ": " + sandboxFailure[0]));
            return 1;
        }
        var config = ConfigLoader.load(Path.of(environment.get("SHIPLANE_CONFIG_FILE")));
        // every account's state, each read with that account's credentials (the sandbox synthesized each account's
        // delivery stack under the work directory)
        var accounts = SoakAccount.of(config, emulatorOf(environment), options.workDir().resolve("cdk.out"));
        if (accounts.size() > 1) {
            out.printf("soak: %d accounts (%s), each read with its own credentials%n", accounts.size(),
                    String.join(", ", accounts.stream().map(SoakAccount::account).toList()));
        }
        LedgerAgreement agreement = () -> accounts.stream()
                .flatMap(a -> new StableRevisionAgreement(a.aws(), config, a.ledgerTable()).disagreements().stream())
                .toList();
        var invariants = new SoakInvariants(accounts, config, agreement);
        List<String> violations = new ArrayList<>();
        int daysRun = 0;
        for (int day = 1; day <= options.days() && violations.isEmpty(); day++) {
            var files = story.day(day);
            var checkpoint = String.format("d%03d-999-checkpoint.json", day);
            for (var file : files) drop(inbox, file.name(), file.json());
            drop(inbox, checkpoint, "{\"sandbox\": \"cli\", \"args\": [\"--version\"]}");
            if (!sandboxOutput.awaitStep(checkpoint, DAY_LIMIT, sandbox)) {
                violations.add("day " + day + ": the sandbox did not reach the day's end within " + DAY_LIMIT
                        + (sandbox.isAlive() ? "" : " (it stopped" + (sandboxFailure[0] == null ? ""
                        : ": " + sandboxFailure[0]) + ")"));
                break;
            }
            daysRun = day;
            var events = sandboxOutput.domainEvents();
            violations.addAll(invariants.check("day " + day, events, story.pushes(), sandboxOutput.slackPosts()));
            out.printf("day %2d: %3d story events, %4d domain events so far, %5d invariant checks, %d violation(s)%n",
                    day, files.size(), events.size(), invariants.checks, violations.size());
        }
        drop(inbox, "zzz-stop.json", "{\"sandbox\": \"stop\"}");
        sandbox.join(DAY_LIMIT.toMillis());
        if (sandbox.isAlive()) {
            violations.add("the sandbox did not stop");
        } else if (sandboxExit[0] != 0) {
            violations.add("the sandbox did not handle every event (exit " + sandboxExit[0] + "; see "
                    + sandboxOutput.file() + ": ✗ lines)" + (sandboxFailure[0] == null ? "" : ": " + sandboxFailure[0]));
        }
        summary(story, invariants, violations, daysRun, Duration.ofNanos(System.nanoTime() - start));
        return violations.isEmpty() ? 0 : 1;
    }

    private void summary(SoakStory story, SoakInvariants invariants, List<String> violations, int daysRun,
                         Duration took) {
        var events = sandboxOutput.domainEvents();
        Map<String, Integer> byType = new TreeMap<>();
        events.forEach(e -> byType.merge(e.path("detail-type").asText(), 1, Integer::sum));
        out.println();
        out.printf("soak summary (seed %d, %d of %d simulated days, %ds):%n", options.seed(), daysRun, options.days(),
                took.toSeconds());
        out.println("  story events     " + story.counts().values().stream().mapToInt(Integer::intValue).sum() + ": "
                + story.counts());
        out.println("  domain events    " + events.size() + ": " + byType);
        var decisions = List.of("Deployment Started", "Deployment Skipped", "Deployment Blocked",
                "Deployment Succeeded", "Deployment Failed", "Deployment Rolled Back", "Deployment Aborted");
        out.println("  decisions        " + decisions.stream().mapToInt(t -> byType.getOrDefault(t, 0)).sum()
                + " (started, skipped, blocked, succeeded, failed, rolled back, aborted)");
        out.println("  slack messages   " + sandboxOutput.slackPosts());
        out.println("  invariant checks " + invariants.checks);
        if (!invariants.interference.isEmpty()) {
            out.println("  not checked      " + invariants.interference.size() + " (another sandbox on this machine)");
            invariants.interference.stream().distinct().forEach(v -> out.println("    ! " + v));
        }
        out.println("  violations       " + violations.size());
        violations.forEach(v -> out.println("    ✗ " + v));
    }

    /** Writes a story file aside, then moves it into the inbox: the sandbox never reads a half-written file. */
    private static void drop(Path inbox, String name, String json) throws IOException {
        var aside = inbox.resolve("." + name + ".tmp");
        Files.writeString(aside, json + "\n");
        Files.move(aside, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void clear(Path inbox) throws IOException {
        if (!Files.isDirectory(inbox)) return;
        try (var files = Files.walk(inbox)) {
            for (var f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!f.equals(inbox)) Files.delete(f);
            }
        }
    }

    /** The sandbox writes its environment file once it serves; null if it ended first. */
    private static Map<String, String> awaitEnvironment(Path file, Thread sandbox) throws Exception {
        while (!Files.exists(file)) {
            if (!sandbox.isAlive()) return null;
            Thread.sleep(250);
        }
        Map<String, String> environment = new TreeMap<>();
        for (var line : Files.readAllLines(file)) {
            var eq = line.indexOf('=');
            if (eq > 0) environment.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return environment;
    }

    /** The serving sandbox's emulator, as its environment file names it (with the harness's identity). */
    private static AwsEmulator emulatorOf(Map<String, String> environment) {
        return new AwsEmulator() {
            @Override
            public String endpoint() {
                return environment.get("AWS_ENDPOINT_URL");
            }

            @Override
            public void reset() {
                throw new UnsupportedOperationException("the soak never resets the sandbox's emulator");
            }

            @Override
            public String describe() {
                return "the serving sandbox's emulator at " + endpoint();
            }

            @Override
            public Map<String, String> environment() {
                return Map.of("AWS_ENDPOINT_URL", endpoint(), "AWS_REGION", REGION,
                        "AWS_ACCESS_KEY_ID", environment.get("AWS_ACCESS_KEY_ID"),
                        "AWS_SECRET_ACCESS_KEY", environment.get("AWS_SECRET_ACCESS_KEY"));
            }
        };
    }

    /**
     * The serving sandbox's two streams: its domain events (one JSON line each, kept) and its timeline (written to a
     * file; the steps it reached and the Slack messages it showed are noted).
     */
    static final class SandboxOutput {

        private final Path file;
        private final List<JsonNode> events = new ArrayList<>();
        private final List<String> steps = new ArrayList<>();
        private int slackPosts;
        private final PrintStream eventStream;
        private final PrintStream timelineStream;

        SandboxOutput(Path file) throws IOException {
            this.file = file;
            var log = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8);
            eventStream = new PrintStream(new Lines(line -> {
                try {
                    var event = JSON.readTree(line);
                    synchronized (this) {
                        events.add(event);
                    }
                } catch (IOException e) {
                    log.println("soak: not a JSON line on the sandbox's standard output: " + line);
                }
            }), true, StandardCharsets.UTF_8);
            timelineStream = new PrintStream(new Lines(line -> {
                log.println(line);
                synchronized (this) {
                    if (line.startsWith("▶ ")) steps.add(line);
                    if (line.startsWith("  ✉ slack: ")) slackPosts++;
                    notifyAll();
                }
            }), true, StandardCharsets.UTF_8);
        }

        Path file() {
            return file;
        }

        PrintStream events() {
            return eventStream;
        }

        PrintStream timeline() {
            return timelineStream;
        }

        synchronized List<JsonNode> domainEvents() {
            return List.copyOf(events);
        }

        synchronized int slackPosts() {
            return slackPosts;
        }

        /** Waits until the sandbox's timeline shows the step of the file named {@code name} (true), or gives up. */
        synchronized boolean awaitStep(String name, Duration limit, Thread sandbox) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (steps.stream().noneMatch(s -> s.contains(name))) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !sandbox.isAlive()) return false;
                wait(Math.min(1000, Math.max(1, left / 1_000_000)));
            }
            return true;
        }
    }

    /** An output stream handing each complete UTF-8 line to a consumer. */
    static final class Lines extends java.io.OutputStream {

        private final java.util.function.Consumer<String> consumer;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        Lines(java.util.function.Consumer<String> consumer) {
            this.consumer = consumer;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                consumer.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
