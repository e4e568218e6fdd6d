package dev.shiplane.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shiplane.reliability.DeliveryWorld.Step;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.EmulatorGateway.Fault;
import dev.shiplane.testkit.TestAws;
import java.util.List;
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
        var only = System.getProperty("reliability.scenarios", "");
        assumeTrue(only.isBlank() || only.contains(scenario.name()), "not among -Dreliability.scenarios");
        int total = run(scenario, aws, 0);
        assertThat(total).as("calls in a clean run").isPositive();
        FIGURES.add("scenarios", 1);
        FIGURES.add("callsPerCleanRun." + scenario.name().toLowerCase(java.util.Locale.ROOT), total);
        for (int n : callsToFault(scenario, total)) {
            run(scenario, aws, n);
        }
    }

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

    /** Runs the scenario with the fault at call {@code n} (none for 0); returns the calls the functions made. */
    int run(Scenario scenario, TestAws aws, int n) {
        long t0 = System.nanoTime();
        try {
            return runOnce(scenario, aws, n);
        } finally {
            System.err.printf("[reliability] %s n=%d %s %d ms%n", scenario, n, calls.faulted(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }

    int runOnce(Scenario scenario, TestAws aws, int n) {
        aws.emulator().reset();
        var world = new DeliveryWorld(aws, scenario == Scenario.CANARY_THEN_ALARM);
        var fault = n == 0 ? null : KINDS[n % KINDS.length];
        var when = scenario + (n == 0 ? " without faults" : " with " + fault + " at call " + n);
        Runnable atFailure = () -> Invariants.noDeploymentRecordedAheadOfEcs(world, when + ", right after a failure");
        calls.arm(n == 0 ? -1 : n, fault);
        for (var step : steps(scenario, world)) {
            world.deliver(step.function(), step.event().get(), atFailure);
            world.settle(atFailure);
            Invariants.noDeploymentRecordedAheadOfEcs(world, when + ", after " + step.name());
            Invariants.noSplitWithoutActiveRollout(world, when + ", after " + step.name());
        }
        calls.disarm();
        var faulted = calls.faulted();
        if (n > 0) {
            FIGURES.add("runs", 1);
            FIGURES.add("faultsInjected", faulted == null ? 0 : 1);
            FIGURES.add("faults." + fault.name().toLowerCase(java.util.Locale.ROOT), faulted == null ? 0 : 1);
            FIGURES.add("invocationsFailedThenRedelivered", world.redeliveries);
        }
        var seen = when + (faulted == null ? "" : " (" + faulted + ")")
                + (world.failed.isEmpty() ? "" : ", failures " + world.failed);
        var repeated = assertFinalState(scenario, world, seen) - 1;
        // On a loaded machine a call may time out without an injected fault: the same fault, arriving by itself.
        var uninjectedTimeout = world.failed.stream().anyMatch(f -> f.contains("TimeoutException")
                && (faulted == null || fault != Fault.TIMEOUT));
        FIGURES.add("uninjectedTimeouts", uninjectedTimeout ? 1 : 0);
        if (repeated > 0 && !uninjectedTimeout) {
            // only a failed ledger write after the bus accepted the event may repeat it, or a publish the bus
            // accepted whose answer timed out
            assertThat(faulted).as(seen + ": Deployment Started repeated").isNotNull()
                    .matches(fault == Fault.TIMEOUT ? "(PutItem|TransactWriteItems|UpdateItem|PutEvents) .*"
                            : "(PutItem|TransactWriteItems|UpdateItem) .*");
        }
        if (n == 0 && !uninjectedTimeout) assertThat(repeated).as(seen + ": Deployment Started repeated").isZero();
        FIGURES.add("startedRepeatedAfterAFailedLedgerWrite", repeated);
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
