package dev.shiplane.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shiplane.reliability.DeliveryWorld.Step;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.EmulatorGateway.Fault;
import dev.shiplane.testkit.TestAws;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * For every N, the Nth AWS call a scenario's functions make fails on every attempt the SDK makes (throttling, 500,
 * a broken-off response, a connection reset before the request arrives, a timeout after it took effect, in turn:
 * {@link Fault}); the failed event is delivered again with the same id, as Lambda retries it, and the
 * scenario goes on. Afterwards the emulator's real state must be what a run without faults leaves: one
 * {@code Deployment Started} per image, ECS on the right revision, no lease held, no traffic split at rest.
 */
@ExtendWith(EmulatorExtension.class)
class FaultInjectionIT {

    static final Figures FIGURES = new Figures("fault-injection");
    static final Fault[] KINDS = Fault.values();
    static FunctionCalls calls;

    @BeforeAll
    static void gateway() {
        calls = new FunctionCalls();
    }

    @AfterAll
    static void report() {
        calls.close();
        FIGURES.write();
    }

    enum Scenario {
        /** prod/web (rolling): push, ECS completes → succeeded. */
        ROLLING_DEPLOY,
        /** prod/web (rolling): push, its gate alarm fires → rolled back to the revision before. */
        ROLLING_DEPLOY_THEN_ALARM,
        /** staging/api (canary): push, green healthy → 10%, gate alarm → traffic back, green at zero. */
        CANARY_THEN_ALARM
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void faultAtEveryCall_theRetriedEventCompletesAndStateIsConsistent(Scenario scenario, TestAws aws) {
        assumeSelected(scenario);
        int total = run(scenario, aws, Map.of(), ALL_ATTEMPTS, "");
        assertThat(total).as("calls in a clean run").isPositive();
        FIGURES.add("scenarios", 1);
        FIGURES.add("callsPerCleanRun." + scenario.name().toLowerCase(java.util.Locale.ROOT), total);
        for (int n : callsToFault(scenario, total)) {
            run(scenario, aws, Map.of(n, KINDS[n % KINDS.length]), ALL_ATTEMPTS, "");
        }
    }

    /**
     * A timeout on the first attempt only, at each call that changes AWS: the request took effect and its answer
     * was lost, the SDK's retry is answered (a conditional write's retry then meets the first attempt's effect).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void timeoutOnTheFirstAttemptOnly_theSdksRetryCompletesTheScenario(Scenario scenario, TestAws aws) {
        assumeSelected(scenario);
        run(scenario, aws, Map.of(), ALL_ATTEMPTS, "");
        var operations = calls.operations();
        var mutating = java.util.stream.IntStream.rangeClosed(1, operations.size())
                .filter(n -> FunctionCalls.mutates(operations.get(n - 1))).boxed().toList();
        for (int i : callsToFault(scenario, mutating.size())) {
            run(scenario, aws, Map.of(mutating.get(i - 1), Fault.TIMEOUT), 1, "firstAttemptOnly.");
        }
    }

    /**
     * Two faults in one run, at two seeded calls of the run (counted across the redeliveries the first one causes),
     * of seeded kinds: the first failure's recovery must itself survive a failure.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void twoFaultsInOneRun_theRetriedEventsCompleteAndStateIsConsistent(Scenario scenario, TestAws aws) {
        assumeSelected(scenario);
        int total = run(scenario, aws, Map.of(), ALL_ATTEMPTS, "");
        var random = new java.util.Random(Long.getLong("reliability.seed", 9L) * 31 + scenario.ordinal());
        int pairs = Boolean.getBoolean("reliability.full") ? 12 : 2;
        for (int i = 0; i < pairs; i++) {
            int first = 1 + random.nextInt(total);
            // the second within the calls a retried run makes after the first (the run grows with each retry)
            int second = first + 1 + random.nextInt(total);
            run(scenario, aws, Map.of(first, KINDS[random.nextInt(KINDS.length)],
                    second, KINDS[random.nextInt(KINDS.length)]), ALL_ATTEMPTS, "twoFaults.");
        }
    }

    static void assumeSelected(Scenario scenario) {
        var only = System.getProperty("reliability.scenarios", "");
        assumeTrue(only.isBlank() || only.contains(scenario.name()), "not among -Dreliability.scenarios");
    }

    static final int ALL_ATTEMPTS = Integer.MAX_VALUE;

    /**
     * Every call with {@code -Dreliability.full=true} (scripts/reliability-report); in {@code mvn verify}, every call
     * of the rolling deploy and a seeded sample of the longer scenarios, to keep the build's time bounded.
     */
    static List<Integer> callsToFault(Scenario scenario, int total) {
        var all = java.util.stream.IntStream.rangeClosed(1, total).boxed().collect(java.util.stream.Collectors.toList());
        if (Boolean.getBoolean("reliability.full") || scenario == Scenario.ROLLING_DEPLOY) return all;
        java.util.Collections.shuffle(all, new java.util.Random(Long.getLong("reliability.seed", 9L) + scenario.ordinal()));
        return all.subList(0, Math.min(total, SAMPLE)).stream().sorted().toList();
    }

    static final int SAMPLE = 2;

    /**
     * Runs the scenario with a fault at each call {@code plan} names (none if empty), on the first {@code attempts}
     * SDK attempts of it; adds the figures under {@code prefix}; returns the calls the functions made.
     */
    int run(Scenario scenario, TestAws aws, Map<Integer, Fault> plan, int attempts, String prefix) {
        long t0 = System.nanoTime();
        try {
            return runOnce(scenario, aws, plan, attempts, prefix);
        } finally {
            System.err.printf("[reliability] %s %s %s %d ms%n", scenario, plan, calls.faulted(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }

    int runOnce(Scenario scenario, TestAws aws, Map<Integer, Fault> plan, int attempts, String prefix) {
        aws.emulator().reset();
        var world = new DeliveryWorld(aws, scenario == Scenario.CANARY_THEN_ALARM);
        var when = scenario + (plan.isEmpty() ? " without faults" : " with " + new java.util.TreeMap<>(plan)
                + (attempts == ALL_ATTEMPTS ? "" : ", first attempt only"));
        Runnable atFailure = () -> Invariants.noDeploymentRecordedAheadOfEcs(world, when + ", right after a failure");
        calls.arm(plan, attempts);
        for (var step : steps(scenario, world)) {
            world.deliver(step.function(), step.event().get(), atFailure);
            world.settle(atFailure);
            Invariants.noDeploymentRecordedAheadOfEcs(world, when + ", after " + step.name());
            Invariants.noSplitWithoutActiveRollout(world, when + ", after " + step.name());
        }
        calls.disarm();
        var faulted = calls.faulted();
        var faultedCalls = calls.faultedCalls();
        if (!plan.isEmpty()) {
            FIGURES.add(prefix + "runs", 1);
            FIGURES.add(prefix + "faultsInjected", faultedCalls.size());
            for (var call : faultedCalls) {
                FIGURES.add(prefix + "faults." + call.substring(call.lastIndexOf(' ') + 1).toLowerCase(java.util.Locale.ROOT), 1);
            }
            FIGURES.add(prefix + "invocationsFailedThenRedelivered", world.redeliveries);
        }
        var seen = when + (faulted == null ? "" : " (" + faulted + ")")
                + (world.failed.isEmpty() ? "" : ", failures " + world.failed);
        var repeated = assertFinalState(scenario, world, seen) - 1;
        // On a loaded machine a call may time out without an injected fault: the same fault, arriving by itself.
        var uninjectedTimeout = world.failed.stream().anyMatch(f -> f.contains("TimeoutException"))
                && faultedCalls.stream().noneMatch(c -> c.endsWith(" TIMEOUT"));
        FIGURES.add("uninjectedTimeouts", uninjectedTimeout ? 1 : 0);
        if (repeated > 0 && !uninjectedTimeout) {
            // only a failed ledger write after the bus accepted the event may repeat it, or a publish the bus
            // accepted whose answer timed out
            assertThat(faultedCalls).as(seen + ": Deployment Started repeated").anyMatch(call ->
                    call.matches("(PutItem|TransactWriteItems|UpdateItem) .*") || call.equals("PutEvents TIMEOUT"));
        }
        if (plan.isEmpty() && !uninjectedTimeout) {
            assertThat(repeated).as(seen + ": Deployment Started repeated").isZero();
        }
        FIGURES.add(prefix + "startedRepeatedAfterAFailedLedgerWrite", repeated);
        FIGURES.add("lost", 0);
        return calls.count();
    }

    List<Step> steps(Scenario scenario, DeliveryWorld world) {
        return switch (scenario) {
            case ROLLING_DEPLOY -> List.of(world.pushStep("monynha/web", "3.1.0", 'e'),
                    world.ecsCompleted("monynha-prod", "web"));
            case ROLLING_DEPLOY_THEN_ALARM -> List.of(world.pushStep("monynha/web", "3.1.0", 'e'),
                    world.alarm("cloudwatch-composite-alarm-prod-web-health.json"));
            case CANARY_THEN_ALARM -> List.of(world.pushStep("monynha/api", "2.0.0", 'a'),
                    world.ecsCompleted("monynha-staging", "api-green"),
                    new Step("staging-api-5xx in ALARM", "rollback", () -> {
                        world.blueGreen.setAlarm("staging-api-5xx", "ALARM", "Threshold Crossed");
                        return dev.shiplane.testkit.RepoFiles.bytes("events/aws/cloudwatch-alarm-staging-api-5xx-alarm.json");
                    }));
        };
    }

    /** @return how many {@code Deployment Started} were published for the scenario's image */
    static long assertFinalState(Scenario scenario, DeliveryWorld world, String when) {
        Invariants.servicesAtRest(world, when);
        Invariants.noSplitWithoutActiveRollout(world, when);
        Invariants.noDeploymentRecordedAheadOfEcs(world, when);
        long started = switch (scenario) {
            case ROLLING_DEPLOY -> Invariants.startedOnce(world, "prod", "web", DeliveryWorld.digest('e'), when);
            case ROLLING_DEPLOY_THEN_ALARM -> Invariants.startedOnce(world, "prod", "web", DeliveryWorld.digest('e'), when);
            case CANARY_THEN_ALARM -> Invariants.startedOnce(world, "staging", "api", DeliveryWorld.digest('a'), when);
        };
        switch (scenario) {
            case ROLLING_DEPLOY -> {
                assertThat(Invariants.status(world, "prod", "web")).as(when).isEqualTo("SUCCEEDED");
                var running = world.taskDefinition("monynha-prod", "web");
                assertThat(running).as(when).isNotEqualTo(world.webBefore);
                assertThat(world.aws.ecs().describeTaskDefinition(r -> r.taskDefinition(running)).taskDefinition()
                        .containerDefinitions().getFirst().image()).as(when).endsWith(DeliveryWorld.digest('e'));
                assertThat(world.count("Deployment Succeeded", "prod", "web")).as(when).isPositive();
            }
            case ROLLING_DEPLOY_THEN_ALARM -> {
                assertThat(Invariants.status(world, "prod", "web")).as(when).isEqualTo("ROLLED_BACK");
                assertThat(world.taskDefinition("monynha-prod", "web")).as(when).isEqualTo(world.webBefore);
                assertThat(world.count("Deployment Rolled Back", "prod", "web")).as(when).isPositive();
            }
            case CANARY_THEN_ALARM -> {
                assertThat(Invariants.status(world, "staging", "api")).as(when).isEqualTo("ROLLED_BACK");
                assertThat(world.blueGreen.weights(world.apiRule)).as(when).isEqualTo("blue=100 green=0");
                assertThat(world.desired("monynha-staging", "api-green")).as(when).isZero();
                assertThat(world.taskDefinition("monynha-staging", "api-blue")).as(when).isEqualTo(world.apiBlueBefore);
                assertThat(world.count("Deployment Rolled Back", "staging", "api")).as(when).isPositive();
            }
        }
        return started;
    }
}
