package dev.shiplane.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.DueSchedules;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.Invocations;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The AWS calls each operation costs, one invocation at a time, counted at the emulator gateway: a rolling deploy
 * and its completion, every step of a canary up to its promotion, the rollbacks and a monthly rotation. Each count is held to a budget
 * set at what the operation makes today, so a change that adds a call to an operation (a read before every write, a
 * poll) fails here and names the calls; raise a budget only with the reason in the commit. The figures and the calls
 * themselves go to {@code target/reliability/calls-per-operation.md} for scripts/bench.
 */
@ExtendWith(EmulatorExtension.class)
// in the order a reader follows a deployment through the report's table
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class CallsPerOperationIT {

    private static final Figures FIGURES = new Figures("calls-per-operation");
    private static final List<String> ROWS = new ArrayList<>();
    private static FunctionCalls calls;

    @BeforeAll
    static void gateway() {
        calls = new FunctionCalls();
    }

    @AfterAll
    static void report() throws IOException {
        calls.close();
        FIGURES.write();
        var dir = Path.of("target", "reliability");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("calls-per-operation.md"), "| operation | function | AWS calls | budget | the calls |\n"
                + "|---|---|---|---|---|\n" + String.join("\n", ROWS) + "\n");
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void rollingDeploy_eachInvocationWithinItsBudget(TestAws aws) {
        aws.emulator().reset();
        var world = new DeliveryWorld(aws, false);

        // BatchGetImage: the pushed index's annotations name the commit lead time runs from (EcrImageCommits)
        measure(world, "ECR push → `Image Pushed`", "deploy", DeliveryWorld.push("monynha/web", "3.1.0", 'e'), 2);
        measure(world, "`Image Pushed` → rolling `Deployment Started`", "deploy", imagePushed(world), 12);
        measure(world, "ECS deployment completed → `Deployment Succeeded`", "deploy",
                Invocations.ecsCompleted(aws, "monynha-prod", "web"), 6);
        assertThat(Invariants.status(world, "prod", "web")).isEqualTo("SUCCEEDED");
        Invariants.ledgerAgreesWithEcs(world, "after the rolling deployment");
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void rollingDeployRolledBack_withinItsBudget(TestAws aws) {
        aws.emulator().reset();
        var world = new DeliveryWorld(aws, false);
        world.invoke("deploy", DeliveryWorld.push("monynha/web", "3.1.0", 'e'));
        world.invoke("deploy", imagePushed(world));

        measure(world, "gate alarm → rolling service back (`Deployment Rolled Back`)", "rollback",
                RepoFiles.bytes("events/aws/cloudwatch-composite-alarm-prod-web-health.json"), 6);
        assertThat(Invariants.status(world, "prod", "web")).isEqualTo("ROLLED_BACK");
        assertThat(world.taskDefinition("monynha-prod", "web")).isEqualTo(world.webBefore);
        Invariants.ledgerAgreesWithEcs(world, "after the rollback");
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void canaryFromPushToPromotion_eachStepWithinItsBudget(TestAws aws) {
        aws.emulator().reset();
        var world = new DeliveryWorld(aws, true);
        var schedules = new DueSchedules(aws);

        world.invoke("deploy", DeliveryWorld.push("monynha/api", "2.0.0", 'a'));
        measure(world, "`Image Pushed` → canary `Deployment Started` (green scaled up)", "deploy", imagePushed(world), 16);
        measure(world, "green healthy (ECS completed) → step 1: 10%", "deploy",
                Invocations.ecsCompleted(aws, "monynha-staging", "api-green"), 7);
        assertThat(world.blueGreen.weights(world.apiRule)).isEqualTo("blue=90 green=10");
        for (var weights : List.of("blue=75 green=25", "blue=50 green=50", "blue=0 green=100")) {
            var step = schedules.fireNext("shiplane");
            measure(world, "`" + detailType(step.event()) + "` → " + weights.substring(weights.indexOf("green=") + 6)
                    + "% on green", "canary", step.event(), 7);
            assertThat(world.blueGreen.weights(world.apiRule)).isEqualTo(weights);
        }
        var bake = schedules.fireNext("shiplane");
        measure(world, "`" + detailType(bake.event()) + "` after the last step baked → promoted "
                + "(`Deployment Succeeded`)", "canary", bake.event(), 7);
        assertThat(Invariants.status(world, "staging", "api")).isEqualTo("SUCCEEDED");
        Invariants.noSplitWithoutActiveRollout(world, "after the promotion");
        Invariants.ledgerAgreesWithEcs(world, "after the promotion");
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void canaryRolledBackAtItsFirstStep_restoresTrafficWithinTheRollbackBudget(TestAws aws) {
        // the rollback neither polls ECS nor reads the alarm again: the alarm event is the evidence
        aws.emulator().reset();
        var world = new DeliveryWorld(aws, true);
        world.invoke("deploy", DeliveryWorld.push("monynha/api", "2.0.0", 'a'));
        world.invoke("deploy", imagePushed(world));
        world.invoke("deploy", Invocations.ecsCompleted(aws, "monynha-staging", "api-green"));
        world.blueGreen.setAlarm("staging-api-5xx", "ALARM", "Threshold Crossed");

        var made = measure(world, "gate alarm during a canary → traffic back on blue, green at zero", "rollback",
                RepoFiles.bytes("events/aws/cloudwatch-alarm-staging-api-5xx-alarm.json"), 7);
        // one read of the head, the transition's commit, then traffic back: users are safe at the third call
        assertThat(made.indexOf("ModifyRule") + 1).as("calls until traffic is restored: %s", made).isEqualTo(3);
        assertThat(made).doesNotContain("DescribeServices", "DescribeAlarms");
        assertThat(made.stream().filter("GetItem"::equals).count()).as("ledger reads: %s", made).isEqualTo(1);
        assertThat(world.blueGreen.weights(world.apiRule)).isEqualTo("blue=100 green=0");
        Invariants.ledgerAgreesWithEcs(world, "after the canary's rollback");
    }

    @Test
    @org.junit.jupiter.api.Order(5)
    void monthlyRotation_withinItsBudget(TestAws aws, @org.junit.jupiter.api.io.TempDir Path dir) {
        aws.emulator().reset();
        try (var world = new RotationWorld(aws, dir)) {
            calls.arm(-1, null);
            var result = RotationFaultsIT.invoke(world, RepoFiles.bytes(RotationFaultsIT.EVENT));
            var made = calls.operations();
            calls.disarm();
            record(made, "monthly schedule → a Postgres password and an API key rotated (four Secrets Manager steps "
                    + "each), `Secret Rotated` and a `Redeploy Requested` per consumer and environment", "rotate", 54,
                    result);
            assertThat(world.logsIn(world.credentials("AWSCURRENT"))).isTrue();
        }
    }

    /** Invokes {@code function} once, counting its calls; fails past {@code budget}. Returns the calls, in order. */
    private static List<String> measure(DeliveryWorld world, String operation, String function, byte[] event,
                                        int budget) {
        calls.arm(-1, null);
        var result = world.invoke(function, event);
        var made = calls.operations();
        calls.disarm();
        record(made, operation, function, budget, result);
        return made;
    }

    private static void record(List<String> made, String operation, String function, int budget, String result) {
        assertThat(made).as("%s (%s: %s)", operation, function, result).hasSizeLessThanOrEqualTo(budget);
        FIGURES.add("operations", 1);
        FIGURES.add("calls", made.size());
        ROWS.add("| " + operation + " | " + function + " | " + made.size() + " | " + budget + " | "
                + summary(made) + " |");
    }

    /** The calls in order, a run of one operation written once with its count ({@code PutEvents ×6}). */
    private static String summary(List<String> made) {
        var parts = new ArrayList<String>();
        for (int i = 0; i < made.size(); ) {
            int j = i;
            while (j < made.size() && made.get(j).equals(made.get(i))) j++;
            parts.add(made.get(i) + (j - i > 1 ? " ×" + (j - i) : ""));
            i = j;
        }
        return String.join(", ", parts);
    }

    private static String detailType(byte[] event) {
        return BusTap.detailType(new String(event, StandardCharsets.UTF_8));
    }

    /** The {@code Image Pushed} the deploy function just announced, as its rule would deliver it. */
    private static byte[] imagePushed(DeliveryWorld world) {
        for (var body : world.tap.drain()) {
            if ("Image Pushed".equals(BusTap.detailType(body))) {
                return body.getBytes(StandardCharsets.UTF_8);
            }
        }
        throw new UncheckedIOException(new IOException("no Image Pushed on the bus"));
    }
}
