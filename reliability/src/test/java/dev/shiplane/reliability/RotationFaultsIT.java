package dev.shiplane.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplane.core.rotation.RotationToken;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.EmulatorGateway.Fault;
import dev.shiplane.testkit.LocalContext;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import dev.shiplane.testkit.TestPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rotation function's own calls faulted. Three triggers: the monthly schedule's event rotates the Postgres
 * password (alternating users, on the machine's PostgreSQL) and an API key; {@code Rotation Requested} rotates the
 * Postgres password; Secrets Manager's four step requests ({@code createSecret} … {@code finishSecret}, one
 * ClientRequestToken) rotate it too. The Nth AWS call the function makes (Secrets Manager's reads, the pending value,
 * the stage moves, the announcements on the bus) fails on every SDK attempt ({@link Fault}, in turn), or on the first
 * attempt only; or the Nth database statement it sends loses its connection ({@link PostgresFaultProxy.DbFault}). A
 * failed invocation is delivered again with the same event, as EventBridge retries it (a failed step is requested
 * again, under the same token), until it completes. At every moment the Postgres password in AWSCURRENT must let a
 * client in (zero downtime); afterwards each rotated secret has one AWSCURRENT and no AWSPENDING, rotated once (one
 * new version, whatever the retries), {@code Secret Rotated} and every consumer's {@code Redeploy Requested} were
 * published (repeats counted), a secret not asked for is untouched, and no secret value is in an event, the
 * function's log or a failure.
 */
@ExtendWith(EmulatorExtension.class)
class RotationFaultsIT {

    static final Figures FIGURES = new Figures("rotation-faults");
    static final Fault[] KINDS = Fault.values();
    static final PostgresFaultProxy.DbFault[] DB_KINDS = PostgresFaultProxy.DbFault.values();
    static final String EVENT = "events/aws/scheduled-rotation.json";
    static final String EVENT_ID = "d1b2c3e4-5f60-4718-9a2b-3c4d5e6f7081";
    static final String REQUEST_ID = "incident-2026-12-14-leaked-key";
    /** The ClientRequestToken of the step samples: the pending version's id. */
    static final String STEP_TOKEN = "5f4c7a2e-1b3d-4e8f-9a06-7c2d1e0f3b45";
    /** EventBridge retries a failed asynchronous invocation; bounded so a rotation that never completes fails. */
    static final int MAX_DELIVERIES = 7;
    /** Calls faulted in {@code mvn verify}: a seeded sample, to keep the build's time bounded. */
    static final int SAMPLE = 4;
    static final int ALL_ATTEMPTS = Integer.MAX_VALUE;

    static FunctionCalls calls;
    static PostgresFaultProxy proxy;

    @TempDir
    Path dir;

    @BeforeAll
    static void gateway() {
        calls = new FunctionCalls();
        proxy = new PostgresFaultProxy(TestPostgres.HOST, TestPostgres.PORT);
    }

    @AfterAll
    static void report() {
        calls.close();
        proxy.close();
        FIGURES.write();
    }

    /** What starts a rotation, and what it must leave. */
    enum Trigger {
        /** The monthly schedule: every managed secret, each under a token derived from the event id. */
        SCHEDULE("monthly schedule", ""),
        /** {@code Rotation Requested} for the Postgres password (an operator's {@code shiplane rotate}). */
        ROTATION_REQUESTED("Rotation Requested", "requested."),
        /** Secrets Manager's RotateSecret: four step requests for the Postgres password under one token. */
        SECRETS_MANAGER_STEPS("Secrets Manager's step requests", "steps.");

        final String label;
        final String figures;

        Trigger(String label, String figures) {
            this.label = label;
            this.figures = figures;
        }

        /** The rotated secrets' names and the version each must end with as AWSCURRENT. */
        Map<String, String> expectedVersions() {
            return switch (this) {
                case SCHEDULE -> Map.of("db-password", RotationToken.of(EVENT_ID, "db-password"),
                        "api-key", RotationToken.of(EVENT_ID, "api-key"));
                case ROTATION_REQUESTED -> Map.of("db-password", RotationToken.of(REQUEST_ID, "db-password"));
                case SECRETS_MANAGER_STEPS -> Map.of("db-password", STEP_TOKEN);
            };
        }

        /** The invocations, in order; each is delivered again until it completes before the next is made. */
        List<byte[]> invocations(RotationWorld world) {
            return switch (this) {
                case SCHEDULE -> List.of(RepoFiles.bytes(EVENT));
                case ROTATION_REQUESTED -> List.of(RepoFiles.text("events/shiplane/rotation-requested.json")
                        .replace("\"secret\": \"api-key\"", "\"secret\": \"db-password\"")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                case SECRETS_MANAGER_STEPS -> {
                    var arn = world.secrets.describeSecret(r -> r.secretId(RotationWorld.DB_SECRET)).arn();
                    yield java.util.stream.Stream.of("create", "set", "test", "finish")
                            .map(step -> RepoFiles.text("events/aws/secretsmanager-rotation-" + step + "-secret.json")
                                    .replaceAll("arn:aws:secretsmanager:[^\"]*", arn)
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                            .toList();
                }
            };
        }
    }

    /** Where the run's fault is injected: at the emulator gateway (AWS calls) or the database proxy (statements). */
    interface FaultSite {
        void arm();

        void disarm();

        /** What was faulted, or null if the run ended before the faulted call. */
        String faulted();

        /** The kind's name for the figures, or null for a clean run. */
        String kind();
    }

    static FaultSite awsCall(int n, Fault kind, int attempts) {
        return new FaultSite() {
            public void arm() {
                calls.arm(n == 0 ? -1 : n, kind, attempts);
            }

            public void disarm() {
                calls.disarm();
            }

            public String faulted() {
                return calls.faulted();
            }

            public String kind() {
                return kind == null ? null : kind.name().toLowerCase(Locale.ROOT);
            }

            public String toString() {
                return n == 0 ? "without faults" : "with " + kind + " at call " + n
                        + (attempts == ALL_ATTEMPTS ? "" : ", first attempt only");
            }
        };
    }

    static FaultSite dbStatement(int n, PostgresFaultProxy.DbFault kind) {
        return new FaultSite() {
            public void arm() {
                proxy.arm(n, kind);
            }

            public void disarm() {
                proxy.disarm();
            }

            public String faulted() {
                return proxy.faulted();
            }

            public String kind() {
                return kind.name().toLowerCase(Locale.ROOT);
            }

            public String toString() {
                return "with the connection " + (kind == PostgresFaultProxy.DbFault.LOST_BEFORE
                        ? "lost before" : "lost after, unanswered,") + " database statement " + n;
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Trigger.class)
    void faultAtEveryCall_theRetriedRotationCompletes_andTheSecretsAreConsistent(Trigger trigger, TestAws aws) {
        int total = run(aws, trigger, awsCall(0, null, ALL_ATTEMPTS), TestPostgres.PORT, trigger.figures);
        assertThat(total).as("calls in a clean run").isGreaterThan(5);
        FIGURES.add(trigger.figures + "scenarios", 1);
        FIGURES.add(trigger.figures + "callsPerCleanRun", total);
        for (int n : sample(total, trigger.ordinal())) {
            run(aws, trigger, awsCall(n, KINDS[n % KINDS.length], ALL_ATTEMPTS), TestPostgres.PORT, trigger.figures);
        }
        FIGURES.add("lost", 0);
    }

    /**
     * A timeout on the first attempt only (the request took effect, its answer was lost, the SDK's retry is
     * answered), at the calls of the monthly schedule that change AWS.
     */
    @Test
    void timeoutOnTheFirstAttemptOnly_theSdksRetryCompletesTheRotation(TestAws aws) {
        run(aws, Trigger.SCHEDULE, awsCall(0, null, ALL_ATTEMPTS), TestPostgres.PORT, "");
        var operations = calls.operations();
        var mutating = IntStream.rangeClosed(1, operations.size())
                .filter(n -> FunctionCalls.mutates(operations.get(n - 1))).boxed().toList();
        for (int i : sample(mutating.size(), 7)) {
            run(aws, Trigger.SCHEDULE, awsCall(mutating.get(i - 1), Fault.TIMEOUT, 1), TestPostgres.PORT,
                    "firstAttemptOnly.");
        }
        FIGURES.add("lost", 0);
    }

    /**
     * The Nth database statement of the monthly schedule's rotation (the advisory lock, the clone user's creation,
     * the password's change, the new login's test) loses its connection before it reaches the server, or after the
     * server carried it out with its answer lost.
     */
    @Test
    void connectionLostAtEveryDatabaseStatement_theRetriedRotationCompletes(TestAws aws) {
        proxy.arm(-1, null);
        run(aws, Trigger.SCHEDULE, awsCall(0, null, ALL_ATTEMPTS), proxy.port(), "db.");
        int total = proxy.count();
        assertThat(total).as("database statements in a clean run: %s", proxy.statements()).isGreaterThan(3);
        FIGURES.add("db.callsPerCleanRun", total);
        for (int n : sample(total, 11)) {
            for (var kind : DB_KINDS) run(aws, Trigger.SCHEDULE, dbStatement(n, kind), proxy.port(), "db.");
        }
        FIGURES.add("lost", 0);
    }

    /** Every one of 1..total with {@code -Dreliability.full=true}; in {@code mvn verify} a seeded sample of {@link #SAMPLE}. */
    static List<Integer> sample(int total, int salt) {
        var all = IntStream.rangeClosed(1, total).boxed().collect(Collectors.toList());
        if (Boolean.getBoolean("reliability.full")) return all;
        java.util.Collections.shuffle(all, new java.util.Random(Long.getLong("reliability.seed", 9L) + salt));
        return all.subList(0, Math.min(total, SAMPLE)).stream().sorted().toList();
    }

    /**
     * Runs the trigger with the fault {@code site} names, the databases reached at {@code dbPort}; adds the figures
     * under {@code prefix}; returns the AWS calls the function made.
     */
    int run(TestAws aws, Trigger trigger, FaultSite site, int dbPort, String prefix) {
        long t0 = System.nanoTime();
        aws.emulator().reset();
        var when = trigger.label + " " + site;
        boolean clean = site.kind() == null;
        try (var world = new RotationWorld(aws, dir, dbPort)) {
            var log = new CapturedOutput();
            List<Throwable> failures = new ArrayList<>();
            var invocations = trigger.invocations(world);
            site.arm();
            for (var invocation : invocations) {
                for (int delivery = 1; ; delivery++) {
                    try {
                        log.during(() -> invoke(world, invocation));
                        break;
                    } catch (RuntimeException failed) {
                        failures.add(failed);
                        System.err.printf("[reliability] rotate failed: %s%n", failed);
                        assertThat(world.logsIn(world.credentials("AWSCURRENT")))
                                .as("%s: AWSCURRENT of the db password logs in, right after failure %s", when, failed)
                                .isTrue();
                        assertThat(delivery).as("%s: still failing after %d deliveries: %s", when, delivery, failures)
                                .isLessThan(MAX_DELIVERIES);
                    }
                }
            }
            site.disarm();
            var faulted = site.faulted();
            var seen = when + (faulted == null ? "" : " (" + faulted + ")") + ", " + failures.size() + " failed";
            var published = world.tap.drain().stream().map(DeliveryWorld::read).toList();
            var expected = trigger.expectedVersions();
            assertFinalState(world, expected, published, seen);
            assertNoSecretLeaked(world, expected.size(), published, log.text(), failures, seen);
            if (!clean) {
                FIGURES.add(prefix + "runs", 1);
                FIGURES.add(prefix + "faultsInjected", faulted == null ? 0 : 1);
                FIGURES.add(prefix + "faults." + site.kind(), faulted == null ? 0 : 1);
                FIGURES.add(prefix + "invocationsFailedThenRedelivered", failures.size());
                FIGURES.add(prefix + "secretRotatedRepeated", count(published, "Secret Rotated") - expected.size());
                FIGURES.add(prefix + "redeployRequestedRepeated",
                        count(published, "Redeploy Requested") - expectedRedeploys(expected.keySet()));
            } else {
                // a call may time out with no fault injected on a loaded machine (as FaultInjectionIT tolerates)
                assertThat(failures).as(seen).allMatch(f -> CapturedOutput.messages(f)
                        .contains("did not complete before the specified timeout"));
                FIGURES.add("uninjectedTimeouts", failures.size());
            }
            return calls.count();
        } finally {
            System.err.printf("[reliability] rotation %s %s %d ms%n", when, site.faulted(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }

    static void assertFinalState(RotationWorld world, Map<String, String> expectedVersions, List<JsonNode> published,
                                 String when) {
        for (var entry : Map.of("db-password", RotationWorld.DB_SECRET, "api-key", RotationWorld.KEY_SECRET).entrySet()) {
            var secret = entry.getValue();
            var versions = world.versions(secret);
            assertThat(versions.stream().filter(v -> v.versionStages().contains("AWSCURRENT")))
                    .as("%s: versions of %s labelled AWSCURRENT", when, secret).hasSize(1);
            assertThat(versions.stream().filter(v -> v.versionStages().contains("AWSPENDING")))
                    .as("%s: versions of %s left AWSPENDING", when, secret).isEmpty();
            // rotated once: the first value and the rotation's version, whatever the retries; or untouched
            assertThat(versions).as("%s: versions of %s", when, secret)
                    .hasSize(expectedVersions.containsKey(entry.getKey()) ? 2 : 1);
        }
        var current = world.credentials("AWSCURRENT");
        assertThat(current.username()).as("%s: AWSCURRENT's user (alternating)", when).isEqualTo(world.app + "_clone");
        assertThat(world.logsIn(current)).as("%s: AWSCURRENT of the db password logs in", when).isTrue();
        assertThat(world.logsIn(world.credentials("AWSPREVIOUS")))
                .as("%s: AWSPREVIOUS still logs in (consumers not yet redeployed)", when).isTrue();
        var apiKey = world.value(RotationWorld.KEY_SECRET, "AWSCURRENT");
        if (expectedVersions.containsKey("api-key")) {
            assertThat(apiKey).as(when).hasSize(40).isNotEqualTo(world.apiKey);
        } else {
            assertThat(apiKey).as("%s: the API key, not asked for", when).isEqualTo(world.apiKey);
        }

        for (var rotated : expectedVersions.keySet()) {
            var secretId = rotated.equals("db-password") ? RotationWorld.DB_SECRET : RotationWorld.KEY_SECRET;
            var currentVersion = world.versions(secretId).stream()
                    .filter(v -> v.versionStages().contains("AWSCURRENT")).findFirst().orElseThrow().versionId();
            assertThat(currentVersion).as("%s: %s's version is the trigger's token", when, rotated)
                    .isEqualTo(expectedVersions.get(rotated));
            assertThat(published.stream().filter(e -> type(e).equals("Secret Rotated")
                            && e.get("detail").path("secretName").asText().equals(rotated))
                    .map(e -> e.get("detail").path("versionId").asText()).distinct().toList())
                    .as("%s: Secret Rotated for %s", when, rotated).containsExactly(currentVersion);
        }
        // every consumer in every environment asked to redeploy, each request under one id however often repeated
        Map<String, Long> expected = new TreeMap<>();
        RotationWorld.ROTATED.forEach((secret, consumers) -> {
            if (expectedVersions.containsKey(secret)) consumers.forEach(service -> RotationWorld.ENVIRONMENTS
                    .forEach(env -> expected.merge(secret + " " + env + "/" + service, 1L, Long::sum)));
        });
        var redeploys = published.stream().filter(e -> type(e).equals("Redeploy Requested")).toList();
        Map<String, Long> requested = new TreeMap<>();
        redeploys.stream().collect(Collectors.groupingBy(e -> e.get("detail").path("requestId").asText()))
                .values().forEach(same -> {
                    var d = same.getFirst().get("detail");
                    requested.merge(d.path("requestedBy").asText().replace("rotation:", "") + " "
                            + d.path("env").asText() + "/" + d.path("service").asText(), 1L, Long::sum);
                });
        assertThat(requested).as("%s: Redeploy Requested (distinct request ids)", when).isEqualTo(expected);
    }

    /** @param rotated how many secrets the run rotated (each adds a version, a value and its password) */
    static void assertNoSecretLeaked(RotationWorld world, int rotated, List<JsonNode> published, String log,
                                     List<Throwable> failures, String when) {
        var events = published.stream().map(JsonNode::toString).collect(Collectors.joining("\n"));
        var values = world.everySecretValue();
        assertThat(values).as("secret values to look for").hasSizeGreaterThanOrEqualTo(6 + rotated);
        assertThat(log).as("%s: the function logged", when).contains("db-password");
        for (var value : values) {
            assertThat(events).as("%s: published events", when).doesNotContain(value);
            assertThat(log).as("%s: the function's log", when).doesNotContain(value);
            for (var failure : failures) {
                assertThat(CapturedOutput.messages(failure)).as("%s: failure", when).doesNotContain(value);
            }
        }
    }

    static int expectedRedeploys(java.util.Set<String> rotated) {
        return RotationWorld.ROTATED.entrySet().stream().filter(e -> rotated.contains(e.getKey()))
                .mapToInt(e -> e.getValue().size() * RotationWorld.ENVIRONMENTS.size()).sum();
    }

    static long count(List<JsonNode> published, String detailType) {
        return published.stream().filter(e -> type(e).equals(detailType)).count();
    }

    static String type(JsonNode event) {
        return event.path("detail-type").asText();
    }

    static String invoke(RotationWorld world, byte[] event) {
        var out = new ByteArrayOutputStream();
        try {
            world.handler.handleRequest(new ByteArrayInputStream(event), out, LocalContext.of("rotate"));
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
