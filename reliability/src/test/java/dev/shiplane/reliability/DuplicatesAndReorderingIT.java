package dev.shiplane.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.Invocations;
import dev.shiplane.testkit.TestAws;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pushes of web 3.1.0, web 3.2.0 (five minutes later) and docs 1.4.0, then ECS's completions: every event delivered
 * one to three times, in an order drawn from the seed, the events the functions publish likewise. Whatever the
 * order, the newest web image runs, each image that runs started once, both deployments succeed.
 */
@ExtendWith(EmulatorExtension.class)
class DuplicatesAndReorderingIT {

    static final Figures FIGURES = new Figures("duplicates-reordering");
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

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void everyEventOneToThreeTimesInAnyOrder_sameFinalState(long seed, TestAws aws) {
        assumeTrue(seed <= 2 || Boolean.getBoolean("reliability.full"), "seeds 3-6 run in the full run only");
        var world = new DeliveryWorld(aws, false);
        var random = new Random(seed);
        var when = "seed " + seed;
        Runnable none = () -> { };
        deliverShuffled(world, random, "deploy", List.of(
                DeliveryWorld.push("monynha/web", "3.1.0", 'e'),
                pushedLater(DeliveryWorld.push("monynha/web", "3.2.0", 'f')),
                DeliveryWorld.push("monynha/docs", "1.4.0", 'd')), none);
        // what the functions published (Image Pushed) goes round the same way, until the bus is quiet
        for (var bodies = world.tap.drain(); !bodies.isEmpty(); bodies = world.tap.drain()) {
            List<byte[]> pushed = new ArrayList<>();
            for (var body : bodies) {
                world.published.add(DeliveryWorld.read(body));
                if (body.contains("\"Image Pushed\"")) pushed.add(body.getBytes(StandardCharsets.UTF_8));
            }
            deliverShuffled(world, random, "deploy", pushed, none);
        }
        Invariants.noDeploymentRecordedAheadOfEcs(world, when);
        deliverShuffled(world, random, "deploy", List.of(
                Invocations.ecsCompleted(aws, "monynha-prod", "web"),
                Invocations.ecsCompleted(aws, "monynha-prod", "docs")), none);
        world.settle(none);

        assertThat(Invariants.startedOnce(world, "prod", "web", DeliveryWorld.digest('f'), when)).as(when).isEqualTo(1);
        assertThat(Invariants.startedOnce(world, "prod", "docs", DeliveryWorld.digest('d'), when)).as(when).isEqualTo(1);
        assertThat(world.published.stream().filter(e -> e.get("detail-type").asText().equals("Deployment Started")
                && e.get("detail").path("image").path("digest").asText().equals(DeliveryWorld.digest('e'))).count())
                .as("%s: web 3.1.0 started at most once", when).isLessThanOrEqualTo(1);
        var web = world.taskDefinition("monynha-prod", "web");
        assertThat(aws.ecs().describeTaskDefinition(r -> r.taskDefinition(web)).taskDefinition().containerDefinitions()
                .getFirst().image()).as(when).endsWith(DeliveryWorld.digest('f'));
        var statuses = world.ledger("deployment").stream()
                .map(d -> d.get("service").s() + " " + d.get("digest").s().charAt(7) + " " + d.get("status").s())
                .sorted().toList();
        assertThat(statuses).as(when).contains("docs d SUCCEEDED", "web f SUCCEEDED")
                .filteredOn(s -> s.startsWith("web e")).allMatch(s -> s.endsWith("SUPERSEDED"));
        Invariants.servicesAtRest(world, when);
        Invariants.noDeploymentRecordedAheadOfEcs(world, when);
        FIGURES.add("scenarios", 1);
        FIGURES.add("lost", 0);
    }

    /** The same ECR event with its push time five minutes later. */
    static byte[] pushedLater(byte[] event) {
        return new String(event, StandardCharsets.UTF_8).replace("2026-11-26T10:00:00Z", "2026-11-26T10:05:00Z")
                .getBytes(StandardCharsets.UTF_8);
    }

    void deliverShuffled(DeliveryWorld world, Random random, String function, List<byte[]> events, Runnable onFailure) {
        List<byte[]> deliveries = new ArrayList<>();
        for (var event : events) {
            int times = 1 + random.nextInt(3);
            for (int i = 0; i < times; i++) deliveries.add(event);
            FIGURES.add("duplicates", times - 1);
        }
        Collections.shuffle(deliveries, random);
        for (var event : deliveries) {
            world.deliver(function, event, onFailure);
            FIGURES.add("deliveries", 1);
        }
    }
}
