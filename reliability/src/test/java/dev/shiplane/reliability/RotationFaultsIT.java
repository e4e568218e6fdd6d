package dev.shiplane.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplane.core.rotation.RotationToken;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.EmulatorGateway.Fault;
import dev.shiplane.testkit.LocalContext;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
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

/**
 * The rotation function's own AWS calls faulted: the monthly schedule's event rotates the Postgres password
 * (alternating users, on the machine's PostgreSQL) and an API key, while the Nth call the function makes (Secrets
 * Manager's reads, the pending value, the stage moves, the announcements on the bus) fails on every SDK attempt
 * ({@link Fault}, in turn). The failed invocation is delivered again with the same event, as EventBridge retries it,
 * until it completes. At every moment the Postgres password in AWSCURRENT must let a client in (zero downtime);
 * afterwards each secret has one AWSCURRENT and no AWSPENDING, rotated once (one new version, whatever the
 * retries), {@code Secret Rotated} and every consumer's {@code Redeploy Requested} were published (repeats counted),
 * and no secret value is in an event, the function's log or a failure.
 */
@ExtendWith(EmulatorExtension.class)
class RotationFaultsIT {

    static final Figures FIGURES = new Figures("rotation-faults");
    static final Fault[] KINDS = Fault.values();
    static final String EVENT = "events/aws/scheduled-rotation.json";
    static final String EVENT_ID = "d1b2c3e4-5f60-4718-9a2b-3c4d5e6f7081";
    /** EventBridge retries a failed asynchronous invocation; bounded so a rotation that never completes fails. */
    static final int MAX_DELIVERIES = 7;
    /** Calls faulted in {@code mvn verify}: a seeded sample, to keep the build's time bounded. */
    static final int SAMPLE = 4;

    static FunctionCalls calls;

    @TempDir
    Path dir;

    @BeforeAll
    static void gateway() {
        calls = new FunctionCalls();
    }

    @AfterAll
    static void report() {
        calls.close();
        FIGURES.write();
    }

    @Test
    void faultAtEveryCall_theRetriedScheduleCompletes_andTheSecretsAreConsistent(TestAws aws) {
        int total = run(aws, 0);
        assertThat(total).as("calls in a clean run").isGreaterThan(10);
        FIGURES.add("scenarios", 1);
        FIGURES.add("callsPerCleanRun.monthly_rotation", total);
        for (int n : callsToFault(total)) run(aws, n);
        FIGURES.add("lost", 0);
    }

    /** Every call with {@code -Dreliability.full=true}; in {@code mvn verify} a seeded sample of {@link #SAMPLE}. */
    static List<Integer> callsToFault(int total) {
        var all = IntStream.rangeClosed(1, total).boxed().collect(Collectors.toList());
        if (Boolean.getBoolean("reliability.full")) return all;
        java.util.Collections.shuffle(all, new java.util.Random(Long.getLong("reliability.seed", 9L)));
        return all.subList(0, Math.min(total, SAMPLE)).stream().sorted().toList();
    }

    /** Runs the schedule with the fault at call {@code n} (none for 0); returns the calls the function made. */
    int run(TestAws aws, int n) {
        long t0 = System.nanoTime();
        aws.emulator().reset();
        var fault = n == 0 ? null : KINDS[n % KINDS.length];
        var when = "monthly rotation " + (n == 0 ? "without faults" : "with " + fault + " at call " + n);
        try (var world = new RotationWorld(aws, dir)) {
            var log = new CapturedOutput();
            List<Throwable> failures = new ArrayList<>();
            calls.arm(n == 0 ? -1 : n, fault);
            var event = RepoFiles.bytes(EVENT);
            for (int delivery = 1; ; delivery++) {
                try {
                    log.during(() -> invoke(world, event));
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
            calls.disarm();
            var faulted = calls.faulted();
            var seen = when + (faulted == null ? "" : " (" + faulted + ")") + ", " + failures.size() + " failed";
            var published = world.tap.drain().stream().map(DeliveryWorld::read).toList();
            assertFinalState(world, published, seen);
            assertNoSecretLeaked(world, published, log.text(), failures, seen);
            if (n > 0) {
                FIGURES.add("runs", 1);
                FIGURES.add("faultsInjected", faulted == null ? 0 : 1);
                FIGURES.add("faults." + fault.name().toLowerCase(Locale.ROOT), faulted == null ? 0 : 1);
                FIGURES.add("invocationsFailedThenRedelivered", failures.size());
                FIGURES.add("secretRotatedRepeated", count(published, "Secret Rotated") - RotationWorld.ROTATED.size());
                FIGURES.add("redeployRequestedRepeated", count(published, "Redeploy Requested") - expectedRedeploys());
            } else {
                // a call may time out with no fault injected on a loaded machine (as FaultInjectionIT tolerates)
                assertThat(failures).as(seen).allMatch(f -> CapturedOutput.messages(f)
                        .contains("did not complete before the specified timeout"));
                FIGURES.add("uninjectedTimeouts", failures.size());
            }
            return calls.count();
        } finally {
            System.err.printf("[reliability] rotation n=%d %s %d ms%n", n, calls.faulted(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }

    static void assertFinalState(RotationWorld world, List<JsonNode> published, String when) {
        for (var secret : List.of(RotationWorld.DB_SECRET, RotationWorld.KEY_SECRET)) {
            var versions = world.versions(secret);
            assertThat(versions.stream().filter(v -> v.versionStages().contains("AWSCURRENT")))
                    .as("%s: versions of %s labelled AWSCURRENT", when, secret).hasSize(1);
            assertThat(versions.stream().filter(v -> v.versionStages().contains("AWSPENDING")))
                    .as("%s: versions of %s left AWSPENDING", when, secret).isEmpty();
            // rotated once: the first value and the rotation's version, whatever the retries
            assertThat(versions).as("%s: versions of %s", when, secret).hasSize(2);
        }
        var current = world.credentials("AWSCURRENT");
        assertThat(current.username()).as("%s: AWSCURRENT's user (alternating)", when).isEqualTo(world.app + "_clone");
        assertThat(world.logsIn(current)).as("%s: AWSCURRENT of the db password logs in", when).isTrue();
        assertThat(world.logsIn(world.credentials("AWSPREVIOUS")))
                .as("%s: AWSPREVIOUS still logs in (consumers not yet redeployed)", when).isTrue();
        assertThat(world.value(RotationWorld.KEY_SECRET, "AWSCURRENT")).as(when).hasSize(40)
                .isNotEqualTo(world.apiKey);

        for (var rotated : RotationWorld.ROTATED.keySet()) {
            var secretId = rotated.equals("db-password") ? RotationWorld.DB_SECRET : RotationWorld.KEY_SECRET;
            var currentVersion = world.versions(secretId).stream()
                    .filter(v -> v.versionStages().contains("AWSCURRENT")).findFirst().orElseThrow().versionId();
            assertThat(currentVersion).as("%s: %s's version is the schedule's token", when, rotated)
                    .isEqualTo(RotationToken.of(EVENT_ID, rotated));
            assertThat(published.stream().filter(e -> type(e).equals("Secret Rotated")
                            && e.get("detail").path("secretName").asText().equals(rotated))
                    .map(e -> e.get("detail").path("versionId").asText()).distinct().toList())
                    .as("%s: Secret Rotated for %s", when, rotated).containsExactly(currentVersion);
        }
        // every consumer in every environment asked to redeploy, each request under one id however often repeated
        Map<String, Long> expected = new TreeMap<>();
        RotationWorld.ROTATED.forEach((secret, consumers) -> consumers.forEach(service -> RotationWorld.ENVIRONMENTS
                .forEach(env -> expected.merge(secret + " " + env + "/" + service, 1L, Long::sum))));
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

    static void assertNoSecretLeaked(RotationWorld world, List<JsonNode> published, String log,
                                     List<Throwable> failures, String when) {
        var events = published.stream().map(JsonNode::toString).collect(Collectors.joining("\n"));
        var values = world.everySecretValue();
        assertThat(values).as("secret values to look for").hasSizeGreaterThanOrEqualTo(8);
        assertThat(log).as("%s: the function logged", when).contains("db-password");
        for (var value : values) {
            assertThat(events).as("%s: published events", when).doesNotContain(value);
            assertThat(log).as("%s: the function's log", when).doesNotContain(value);
            for (var failure : failures) {
                assertThat(CapturedOutput.messages(failure)).as("%s: failure", when).doesNotContain(value);
            }
        }
    }

    static int expectedRedeploys() {
        return RotationWorld.ROTATED.values().stream().mapToInt(c -> c.size() * RotationWorld.ENVIRONMENTS.size()).sum();
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
