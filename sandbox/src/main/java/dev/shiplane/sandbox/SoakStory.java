package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplane.testkit.RepoFiles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The soak's story, one simulated day at a time, from a seeded {@link Random}: pushes of new versions to every
 * service (some delivered twice, the day's deliveries in shuffled order), their ECR scans, gate alarms that fire and
 * clear, ECS failing a rollout, operators freezing an environment and rolling a service back, and the monthly
 * rotation on the second day of each 30-day month (day 1 releases every service, so that each runs a pushed image). Each day ends with the story clock advanced to the next day, so
 * every schedule the day's events created has come due. The same seed gives the same story.
 */
final class SoakStory {

    /** One story file: its name (sorts in story order within the day) and what it says. */
    record File(String name, String json) {}

    /** A push the story made, to check it was decided: deployed once, or skipped with a reason. */
    record Push(String pushId, String service, String tag, String digest, int day) {}

    static final List<String> SERVICES = List.of("web", "api", "docs");
    /** The monthly schedule's rule in the template (the CDK app's logical id). */
    static final String ROTATION_RULE = "SecretRotationMonthlySchedule9C112E71";
    static final int DAYS_PER_MONTH = 30;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Random random;
    private final Map<String, int[]> versions = new LinkedHashMap<>();
    private final List<Push> pushes = new ArrayList<>();
    private final Map<String, Integer> counts = new java.util.TreeMap<>();
    private final Instant epoch = Instant.parse("2027-01-01T00:00:00Z");

    SoakStory(long seed) {
        random = new Random(seed);
        SERVICES.forEach(service -> versions.put(service, new int[] {1, 1, 0}));
    }

    /** Every push made so far. */
    List<Push> pushes() {
        return List.copyOf(pushes);
    }

    /** How many story events of each kind were made so far. */
    Map<String, Integer> counts() {
        return Map.copyOf(counts);
    }

    /** The story files of day {@code day} (1-based), ending with the clock advanced to the next day. */
    List<File> day(int day) {
        List<File> files = new ArrayList<>();
        var at = epoch.plus(Duration.ofDays(day - 1));
        // Day 1 is the first release of every service, with nothing else going on, so that every environment runs
        // a pushed image before anything else happens; the month's rotation comes on its second day.
        boolean firstDay = day == 1;
        if ((day - 2) % DAYS_PER_MONTH == 0) {
            files.add(file("rotation", "monthly rotations", rotation(at)));
        }
        boolean frozen = !firstDay && random.nextDouble() < 0.15;
        if (frozen) {
            files.add(file("freeze", "freezes (shiplane freeze)", cli("freeze", "staging", "--until", "2h", "--reason",
                    "soak day " + day + ": release train paused")));
        }
        if (!firstDay && random.nextDouble() < 0.2) {
            files.add(file("ecs-will-fail", "ECS failures", """
                    {"sandbox": "ecs-will-fail", "cluster": "monynha-staging", "service": "docs",
                     "reason": "ECS deployment circuit breaker: tasks failed to start."}"""));
        }
        // the day's deliveries, duplicates included, in shuffled order
        List<File> deliveries = new ArrayList<>();
        List<Push> today = new ArrayList<>();
        for (var service : SERVICES) {
            if (!firstDay && random.nextDouble() >= 0.6) continue;
            var push = nextPush(service, day);
            today.add(push);
            var event = push(push, at);
            deliveries.add(file("push-" + service, "pushes", event));
            if (random.nextDouble() < 0.25) deliveries.add(file("push-" + service + "-redelivered",
                    "duplicated deliveries", event));
        }
        Collections.shuffle(deliveries, random);
        files.addAll(deliveries);
        files.add(advance(20, "canaries step"));
        int minutes = 20;
        for (var push : today) {
            // most images get a clean scan; the rest wait for one until prod's scan gate times out
            if (firstDay || random.nextDouble() < 0.85) files.add(file("scan-" + push.service(), "ECR scans", scan(push, at)));
        }
        if (!firstDay && random.nextDouble() < 0.25) {
            var service = SERVICES.get(random.nextInt(SERVICES.size()));
            files.add(file("alarm-staging-" + service, "gate alarms", alarm("staging-" + service + "-5xx", "ALARM", at)));
            files.add(advance(5, "the alarm is handled"));
            minutes += 5;
            files.add(file("alarm-ok-staging-" + service, "gate alarms cleared", alarm("staging-" + service + "-5xx", "OK", at)));
        }
        if (!firstDay && random.nextDouble() < 0.1) {
            var service = SERVICES.get(random.nextInt(SERVICES.size()));
            files.add(file("rollback-staging-" + service, "rollbacks (shiplane rollback)", cli("rollback", "staging", service, "--reason",
                    "soak day " + day + ": an operator rolls back", "--request-id", "soak-" + day + "-" + service)));
        }
        files.add(advance(120, "promotions and scan timeouts come due"));
        if (frozen) {
            // the 2-hour freeze has ended on the story's clock by now; the operator lifts it as well (a lifted freeze is
            // announced, an ended one is not)
            files.add(file("unfreeze", "unfreezes (shiplane unfreeze)", cli("unfreeze", "staging")));
        }
        files.add(advance(24 * 60 - 120 - minutes, "the rest of the day"));
        List<File> named = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            var f = files.get(i);
            named.add(new File(String.format("d%03d-%03d-%s.json", day, i, f.name()), f.json()));
        }
        return named;
    }

    private Push nextPush(String service, int day) {
        var v = versions.get(service);
        if (random.nextDouble() < 0.2) {
            v[1]++;
            v[2] = 0;
        } else {
            v[2]++;
        }
        var tag = v[0] + "." + v[1] + "." + v[2];
        var bytes = new byte[32];
        random.nextBytes(bytes);
        var push = new Push(new UUID(random.nextLong(), random.nextLong()).toString(), service, tag,
                "sha256:" + HexFormat.of().formatHex(bytes), day);
        pushes.add(push);
        return push;
    }

    /** @param name the file's name (after its place in the day); {@code kind} what the summary counts it as */
    private File file(String name, String kind, String json) {
        counts.merge(kind, 1, Integer::sum);
        return new File(name, json);
    }

    private File advance(int minutes, String why) {
        counts.merge("clock advances", 1, Integer::sum);
        return new File("advance-" + minutes + "m", "{\"sandbox\": \"advance\", \"by\": \"" + minutes
                + "m\", \"why\": \"" + why + "\"}");
    }

    private static String cli(String... args) {
        var node = JSON.createObjectNode().put("sandbox", "cli");
        var array = node.putArray("args");
        for (var a : args) array.add(a);
        return node.toString();
    }

    private String push(Push push, Instant at) {
        var event = sample("events/story/01-push-web-1.4.2.json");
        event.put("id", push.pushId()).put("time", at.toString());
        var detail = (ObjectNode) event.get("detail");
        detail.put("repository-name", "monynha/" + push.service()).put("image-digest", push.digest())
                .put("image-tag", push.tag());
        return event.toString();
    }

    private String scan(Push push, Instant at) {
        var event = sample("events/aws/ecr-image-scan-clean.json");
        event.put("id", new UUID(random.nextLong(), random.nextLong()).toString()).put("time", at.toString());
        event.putArray("resources").add("arn:aws:ecr:us-east-1:123456789012:repository/monynha/" + push.service());
        var detail = (ObjectNode) event.get("detail");
        detail.put("repository-name", "monynha/" + push.service()).put("image-digest", push.digest());
        detail.putArray("image-tags").add(push.tag());
        return event.toString();
    }

    private String alarm(String alarmName, String state, Instant at) {
        var event = sample(state.equals("ALARM") ? "events/story/24-alarm-staging-web-5xx.json"
                : "events/story/25-alarm-staging-web-5xx-ok.json");
        event.put("id", new UUID(random.nextLong(), random.nextLong()).toString()).put("time", at.toString());
        event.putArray("resources").add("arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + alarmName);
        ((ObjectNode) event.get("detail")).put("alarmName", alarmName);
        return event.toString();
    }

    private String rotation(Instant at) {
        var event = sample("events/story/50-monthly-rotation.json");
        event.put("id", new UUID(random.nextLong(), random.nextLong()).toString()).put("time", at.toString());
        event.putArray("resources").add("arn:aws:events:us-east-1:123456789012:rule/" + ROTATION_RULE);
        return event.toString();
    }

    private static ObjectNode sample(String path) {
        try {
            return (ObjectNode) JSON.readTree(RepoFiles.bytes(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
