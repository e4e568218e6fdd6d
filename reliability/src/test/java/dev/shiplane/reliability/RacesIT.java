package dev.shiplane.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two invocations for one service at once, on two threads released together, each on its own function instance as
 * two Lambda environments would be, each retried as Lambda retries a failed event. The ledger's version check must
 * let one win at a time: afterwards no update is lost (what ECS runs is what the ledger says runs), no lease held.
 */
@ExtendWith(EmulatorExtension.class)
class RacesIT {

    static final Figures FIGURES = new Figures("races");
    /** Rounds per race: one in {@code mvn verify}, five in the full run (scripts/reliability-report). */
    static final int ROUNDS = Integer.getInteger("reliability.raceRounds", Boolean.getBoolean("reliability.full") ? 5 : 1);
    static final ExecutorService THREADS = Executors.newFixedThreadPool(2);
    static FunctionCalls calls;

    @BeforeAll
    static void gateway() {
        calls = new FunctionCalls();
    }

    @AfterAll
    static void report() {
        THREADS.shutdownNow();
        calls.close();
        FIGURES.write();
    }

    enum Race {
        /** web 3.1.0 and web 3.2.0 (pushed five minutes later) deployed at once: 3.2.0 runs. */
        TWO_PUSHES_FOR_ONE_SERVICE,
        /** web 3.1.0 is running; web 3.2.0 is deployed while web's gate alarm rolls back. */
        PUSH_AGAINST_ROLLBACK
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Race.class)
    void concurrentInvocations_oneWinsAtATime_noLostUpdate(Race race, TestAws aws) throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            aws.emulator().reset();
            var world = new DeliveryWorld(aws, false);
            var other = world.concurrentInstance();
            var when = race + " round " + round;
            Runnable none = () -> { };
            var older = imagePushed(world, DeliveryWorld.push("monynha/web", "3.1.0", 'e'));
            var newer = imagePushed(world, DuplicatesAndReorderingIT.pushedLater(
                    DeliveryWorld.push("monynha/web", "3.2.0", 'f')));
            var barrier = new CyclicBarrier(2);
            CompletableFuture<List<RuntimeException>> a;
            CompletableFuture<List<RuntimeException>> b;
            if (race == Race.TWO_PUSHES_FOR_ONE_SERVICE) {
                a = CompletableFuture.supplyAsync(() -> together(barrier, () -> world.deliver("deploy", older, none)), THREADS);
                b = CompletableFuture.supplyAsync(() -> together(barrier, () -> other.deliver("deploy", newer, none)), THREADS);
            } else {
                world.deliver("deploy", older, none);
                var alarm = RepoFiles.bytes("events/aws/cloudwatch-composite-alarm-prod-web-health.json");
                a = CompletableFuture.supplyAsync(() -> together(barrier, () -> world.deliver("deploy", newer, none)), THREADS);
                b = CompletableFuture.supplyAsync(() -> together(barrier, () -> other.deliver("rollback", alarm, none)), THREADS);
            }
            int retried = a.get().size() + b.get().size();
            world.settle(none);
            FIGURES.add("races", 1);
            FIGURES.add("losersRetried", retried);

            Invariants.servicesAtRest(world, when);
            Invariants.noDeploymentRecordedAheadOfEcs(world, when);
            var running = world.taskDefinition("monynha-prod", "web");
            var image = aws.ecs().describeTaskDefinition(r -> r.taskDefinition(running)).taskDefinition()
                    .containerDefinitions().getFirst().image();
            var web = world.ledger("deployment").stream().filter(d -> d.get("service").s().equals("web")).toList();
            var started = web.stream().filter(d -> d.get("status").s().equals("STARTED")).toList();
            assertThat(started).as("%s: deployments of web still started", when).hasSizeLessThanOrEqualTo(1);
            var head = world.ledger("service").stream().filter(h -> h.get("service").s().equals("web")).findFirst()
                    .orElseThrow();
            if (race == Race.TWO_PUSHES_FOR_ONE_SERVICE) {
                assertThat(image).as("%s: the newest push runs", when).endsWith(DeliveryWorld.digest('f'));
                assertThat(started).as(when).singleElement()
                        .satisfies(d -> assertThat(d.get("toTaskDefinition").s()).isEqualTo(running))
                        .satisfies(d -> assertThat(head.get("activeDeploymentId").s())
                                .isEqualTo(d.get("deploymentId").s()));
            } else {
                // either the rollback came first (3.1.0 rolled back, 3.2.0 then deployed) or the push did (3.2.0
                // superseded 3.1.0 and was rolled back itself): what runs is never a quarantined digest, and a
                // started deployment is what runs
                var quarantined = head.get("quarantined") == null ? List.<String>of()
                        : head.get("quarantined").l().stream().map(v -> v.s()).toList();
                assertThat(quarantined).as(when).isNotEmpty();
                assertThat(quarantined).as("%s: runs %s", when, image).noneMatch(image::endsWith);
                started.forEach(d -> assertThat(d.get("toTaskDefinition").s()).as(when).isEqualTo(running));
            }
            FIGURES.add("lost", 0);
        }
    }

    /** Rounds of the step-against-abort race: one in {@code mvn verify}, twelve in the full run. */
    static final int STEP_ABORT_ROUNDS = Integer.getInteger("reliability.stepAbortRounds",
            Boolean.getBoolean("reliability.full") ? 12 : 1);

    /** Where in the step's invocation the abort is let go, round by round. */
    enum AbortRelease {
        /** when the step's gate-alarm read reaches AWS: the two commits race on the head's version */
        WHEN_THE_STEP_READS_ITS_GATES("DescribeAlarms"),
        /** together with the step, from a barrier */
        WITH_THE_STEP(null),
        /** when the step, committed and holding the lease, shifts traffic: the abort meets a busy service */
        WHEN_THE_STEP_SHIFTS_TRAFFIC("ModifyRule");

        final String operation;

        AbortRelease(String operation) {
            this.operation = operation;
        }
    }

    /**
     * staging/api's canary at 10%, its step-2 schedule fired while an operator aborts: both reach the canary
     * function at once, the abort let go at a different point of the step's invocation each round. Whichever
     * commits first, the other's conditional write fails and its retry sees fresh state: the abort wins outright
     * (the step is then stale) or comes second (25%, then aborted). Either way the end is one aborted deployment,
     * traffic all on the stable colour, the canary colour at zero, no step left scheduled — never a split with no
     * live rollout.
     */
    @org.junit.jupiter.api.Test
    void canaryStepAgainstAbort_oneCommitWins_endsAbortedWithAllTrafficOnTheStableColour(TestAws aws) throws Exception {
        var schedules = new dev.shiplane.testkit.DueSchedules(aws);
        for (int round = 1; round <= STEP_ABORT_ROUNDS; round++) {
            var release = AbortRelease.values()[(round - 1) % AbortRelease.values().length];
            aws.emulator().reset();
            var world = new DeliveryWorld(aws, true);
            var other = world.concurrentInstance();
            var when = "canary step against abort released " + release + ", round " + round;
            Runnable none = () -> { };
            world.deliver("deploy", DeliveryWorld.push("monynha/api", "2.0.0", 'a'), none);
            world.settle(none);
            world.deliver("deploy", dev.shiplane.testkit.Invocations.ecsCompleted(aws, "monynha-staging", "api-green"),
                    none);
            world.settle(none);
            assertThat(world.blueGreen.weights(world.apiRule)).as(when).isEqualTo("blue=90 green=10");
            var step = schedules.fireNext("shiplane");
            assertThat(step.name()).as(when).endsWith("-step-2");
            var abort = DeliveryWorld.abortRequested("staging", "api", "req-abort-" + round);
            var barrier = new CyclicBarrier(2);
            var reached = release.operation == null ? null : calls.when(release.operation);
            var a = CompletableFuture.supplyAsync(() -> together(barrier, () ->
                    world.deliver("canary", step.event(), none)), THREADS);
            var b = CompletableFuture.supplyAsync(() -> together(barrier, () -> {
                if (reached != null) await(reached, when);
                return other.deliver("canary", abort, none);
            }), THREADS);
            int retried = a.get().size() + b.get().size();
            world.settle(none);
            FIGURES.add("races", 1);
            FIGURES.add("stepAgainstAbort", 1);
            FIGURES.add("losersRetried", retried);

            Invariants.servicesAtRest(world, when);
            Invariants.noSplitWithoutActiveRollout(world, when);
            assertThat(Invariants.status(world, "staging", "api")).as(when).isEqualTo("ABORTED");
            var head = world.ledger("service").stream().filter(h -> h.get("service").s().equals("api")).findFirst()
                    .orElseThrow();
            assertThat(DeliveryWorld.read(head.get("rollout").s()).path("phase").asText()).as(when)
                    .isEqualTo("ABORTED");
            assertThat(world.blueGreen.weights(world.apiRule)).as(when).isEqualTo("blue=100 green=0");
            assertThat(world.desired("monynha-staging", "api-green")).as(when).isZero();
            assertThat(world.desired("monynha-staging", "api-blue")).as(when).isPositive();
            assertThat(world.taskDefinition("monynha-staging", "api-blue")).as(when).isEqualTo(world.apiBlueBefore);
            assertThat(schedules.pending("shiplane")).as("%s: steps left scheduled", when).isEmpty();
            assertThat(world.count("Deployment Aborted", "staging", "api")).as(when).isEqualTo(1);
            var shiftedTo25 = world.published.stream().filter(e -> e.get("detail-type").asText()
                    .equals("Traffic Shifted") && e.get("detail").path("canaryWeight").asInt() == 25).count();
            assertThat(shiftedTo25).as("%s: step 2 applied", when).isLessThanOrEqualTo(1);
            FIGURES.add(shiftedTo25 == 1 ? "stepAgainstAbort.stepThenAbort" : "stepAgainstAbort.abortStepIgnored", 1);
            FIGURES.add("stepAgainstAbort.released." + release.name().toLowerCase(java.util.Locale.ROOT), 1);
            FIGURES.add("lost", 0);
        }
    }

    /** The Image Pushed the deploy function publishes for an ECR push (taken off the bus). */
    static byte[] imagePushed(DeliveryWorld world, byte[] ecrPush) {
        world.invoke("deploy", ecrPush);
        var bodies = world.tap.drain();
        bodies.forEach(b -> world.published.add(DeliveryWorld.read(b)));
        return bodies.stream().filter(b -> b.contains("\"Image Pushed\"")).findFirst().orElseThrow()
                .getBytes(StandardCharsets.UTF_8);
    }

    static void await(java.util.concurrent.CountDownLatch latch, String when) {
        try {
            if (!latch.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError(when + ": the step never made the call the abort waits for");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static <T> T together(CyclicBarrier barrier, java.util.function.Supplier<T> work) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return work.get();
    }
}
