package dev.shiplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each function's shaded jar — the file Lambda gets, after minimizeJar dropped what nothing refers to — handles one
 * event in a fresh JVM with nothing else on its class path, against the emulator. A class the shade step dropped
 * but something loads by name (the SLF4J provider that writes the JSON logs, an SDK interceptor) fails here, not in
 * AWS. The sandbox and the other tests run the functions from classes and cannot see that.
 */
@ExtendWith(EmulatorExtension.class)
class ShadedJarIT {

    private static final String BUS = "shiplane";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Map<String, String> env;

    @BeforeEach
    void world(TestAws aws) {
        var busArn = aws.createBus(BUS);
        aws.createLedgerTable("shiplane-ledger");
        env = aws.environment(Map.of(
                "SHIPLANE_CONFIG_FILE", RepoFiles.path("shiplane.yml").toString(),
                // as staging's delivery stack sets it: moto's default account is staging's in shiplane.yml
                "SHIPLANE_SERVED_ENVIRONMENTS", "staging",
                "SHIPLANE_BUS_NAME", BUS,
                "SHIPLANE_BUS_ARN", busArn,
                "SHIPLANE_LEDGER_TABLE", "shiplane-ledger",
                "SHIPLANE_SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/scheduler",
                "SHIPLANE_SLACK_SECRET_ID", "shiplane/slack-webhook-url",
                "SHIPLANE_NOTIFY_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:shiplane-notifications",
                "POWERTOOLS_METRICS_DISABLED", "true"));
    }

    /** Each function's package, the handler Lambda calls, an event, and the start of its answer. */
    static Stream<Arguments> packages() {
        return Stream.of(
                Arguments.of("deploy", "dev.shiplane.deploy.DeployHandler", "events/aws/ecr-image-push.json",
                        "{\"result\":\"announced monynha/web:1.4.2"),
                Arguments.of("canary", "dev.shiplane.canary.CanaryHandler", "events/aws/ecr-image-delete.json",
                        "{\"result\":\"ignored"),
                Arguments.of("rollback", "dev.shiplane.rollback.RollbackHandler",
                        "events/aws/cloudwatch-alarm-unmanaged.json", "{\"result\":\"ignored"),
                Arguments.of("rotate", "dev.shiplane.rotate.RotateHandler", "events/aws/ecr-image-delete.json",
                        "{\"result\":\"ignored"),
                Arguments.of("checks", "dev.shiplane.checks.ChecksHandler", "events/aws/ecr-image-delete.json",
                        "{\"result\":\"ignored"),
                Arguments.of("notify", "dev.shiplane.notify.NotifyHandler", "events/aws/ecr-image-delete.json",
                        "{\"result\":\"ignored"),
                // ECS's hook payload for a deployment the ledger does not know: the hook fails closed.
                Arguments.of("hooks", "dev.shiplane.hooks.HooksFunction",
                        "events/aws/ecs-lifecycle-hook-pre-scale-up.json", "{\"hookStatus\":\"FAILED\""));
    }

    @ParameterizedTest(name = "{0}.jar: {2} → {3}")
    @MethodSource("packages")
    void shadedJarHandlesAnEvent(String function, String handler, String event, String expected) throws Exception {
        var jar = RepoFiles.path("functions/" + function + "/target/" + function + ".jar");
        assertThat(jar).as("the shaded jar (mvn package builds it)").exists();

        var result = launch(jar, "shiplane-" + function, List.of(), ShadedLambdaLauncher.class,
                handler, RepoFiles.path(event).toString());

        assertThat(result.exitCode()).as("exit status; stderr:%n%s", result.stderr()).isZero();
        assertThat(result.stdout()).contains(expected);
        assertThat(result.stderr()).doesNotContain("ClassNotFoundException", "NoClassDefFoundError",
                "could not be loaded");
        // SLF4J warns on stderr when it finds no provider (and then drops every line) or more than one.
        assertThat(result.stderr()).as("SLF4J's own warnings").doesNotContain("SLF4J");
        var logLine = logLines(result.stdout()).stream()
                .filter(line -> line.path("logger").asText().startsWith("dev.shiplane." + function + "."))
                .findFirst();
        assertThat(logLine).as("the function's JSON log line in:%n%s", result.stdout()).isPresent();
        assertThat(logLine.get().path("level").asText()).isEqualTo("INFO");
        assertThat(logLine.get().path("service").asText()).isEqualTo("shiplane-" + function);
        assertThat(logLine.get().path("function_request_id").asText()).isEqualTo("shaded-jar");
        assertThat(logLine.get().path("cold_start").asBoolean()).as("a fresh JVM's first invocation").isTrue();
    }

    /**
     * What SnapStart runs before its snapshot works in the package Lambda gets: the org.crac hooks (through the
     * launcher's compat package, as Lambda's runtime provides its own) build every client and warm each operation the
     * shrunk client interfaces hold through local twins, none refused, and parse every sample event the package
     * carries; then the event is handled as after a restore (no CRIU here: the event
     * file is there from the start, so the launcher goes straight on; {@code scripts/bench} snapshots it for real).
     */
    @ParameterizedTest(name = "{0}.jar primes before a snapshot, then handles {2}")
    @MethodSource("packages")
    void shadedJarPrimesBeforeASnapshot(String function, String handler, String event, String expected,
                                        @TempDir Path scratch) throws Exception {
        var jar = RepoFiles.path("functions/" + function + "/target/" + function + ".jar");
        var work = Files.createDirectories(scratch.resolve(function));
        var eventFile = Files.copy(RepoFiles.path(event), work.resolve("event.json"));

        var result = launch(jar, "shiplane-" + function,
                List.of("-Dorg.crac.Core.Compat=" + dev.shiplane.sandbox.crac.Core.class.getPackageName()),
                SnapshotLambdaLauncher.class, handler, eventFile.toString(), work.resolve("ready").toString(),
                work.resolve("result").toString());

        assertThat(result.exitCode()).as("exit status; stderr:%n%s", result.stderr()).isZero();
        assertThat(result.stderr()).doesNotContain("ClassNotFoundException", "NoClassDefFoundError",
                "could not be loaded");
        var priming = logLines(result.stdout()).stream()
                .map(line -> line.path("message").asText())
                .filter(message -> message.startsWith("SnapStart priming: "))
                .toList();
        assertThat(priming).as("the priming log lines in:%n%s", result.stdout())
                .anySatisfy(line -> assertThat(line).matches("SnapStart priming: [1-9]\\d* SDK clients built, "
                        + "[1-9]\\d* operations warmed, 0 refused"))
                .anySatisfy(line -> assertThat(line)
                        .matches("SnapStart priming: ([1-9]\\d*) of \\1 sample events parsed"));
        assertThat(Files.readString(work.resolve("result"))).contains(expected);
        // Priming walks the operations the shrunk client interfaces hold, as the package's aws-operations.txt lists
        // them for infra-cdk's LeastPrivilegeTest: the two must be the same operations.
        var warmed = priming.stream().map(WARMED::matcher).filter(java.util.regex.Matcher::find)
                .map(m -> Integer.parseInt(m.group(1))).findFirst().orElseThrow();
        var listed = Files.readAllLines(jar.resolveSibling("aws-operations.txt")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).count();
        assertThat(warmed).as("operations priming warmed vs. those %s lists", jar.resolveSibling("aws-operations.txt"))
                .isEqualTo((int) listed);
    }

    private static final java.util.regex.Pattern WARMED = java.util.regex.Pattern.compile("(\\d+) operations warmed");

    /** The lines of standard output that are JSON objects (the launcher's own last line is not). */
    private static List<JsonNode> logLines(String stdout) {
        List<JsonNode> lines = new ArrayList<>();
        for (var line : stdout.lines().toList()) {
            if (!line.startsWith("{")) continue;
            try {
                lines.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new AssertionError("a log line that is not one JSON object: " + line, e);
            }
        }
        return lines;
    }

    private record Launch(int exitCode, String stdout, String stderr) {}

    private Launch launch(Path jar, String serviceName, List<String> jvmFlags, Class<?> launcher, String... args)
            throws IOException, InterruptedException {
        var launcherClasses = Path.of(launcher.getProtectionDomain().getCodeSource().getLocation().getPath());
        // The launchers report the SDK calls they saw through this JDK-only counter (as scripts/bench does).
        var sdkCallClock = Path.of(SdkCallClock.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        var javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<String>();
        command.add(javaBin);
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(jar + java.io.File.pathSeparator + launcherClasses + java.io.File.pathSeparator + sdkCallClock);
        command.add(launcher.getName());
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command);
        process.environment().clear();
        process.environment().putAll(env);
        process.environment().put("POWERTOOLS_SERVICE_NAME", serviceName);
        // What Lambda's runtime sets: how the environment was initialised (Powertools' cold_start reads it), and
        // nothing to discover for the EMF library (Lambda's is found by AWS_LAMBDA_FUNCTION_NAME; here, standard out).
        process.environment().put("AWS_LAMBDA_INITIALIZATION_TYPE",
                launcher == SnapshotLambdaLauncher.class ? "snap-start" : "on-demand");
        process.environment().put("AWS_EMF_ENVIRONMENT", "Local");
        var stdout = Files.createTempFile("shaded-jar", ".out");
        var stderr = Files.createTempFile("shaded-jar", ".err");
        var running = process.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!running.waitFor(2, TimeUnit.MINUTES)) {
            running.destroyForcibly();
            throw new AssertionError("the shaded jar did not answer within 2 minutes");
        }
        return new Launch(running.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
