package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.testkit.AwsEmulator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * What the burst pushes, generated from a seed: a shiplane.yml of {@code services} services (the last
 * {@code canaries} of them canaries, the rest rolling), alternating between two environments so that each service
 * deploys in exactly one (no promotion), each from its own ECR repository; and {@code pushes} ECR push events with
 * distinct digests and increasing semver tags per service. Every service is pushed at least once; the rest come in
 * runs on one service (mostly 1-3 pushes in a row, sometimes a storm of 5-15), so pushes supersede each other while
 * a deployment of the same service is in progress. Push times increase by one second per push. The configuration
 * names no accounts: the burst loads one account's delivery stack with everything ({@link Burst}).
 */
record BurstPlan(long seed, List<Service> services, List<Push> pushes) {

    static final List<String> ENVIRONMENTS = List.of("staging", "qa");
    static final Instant FIRST_PUSH = Instant.parse("2026-11-26T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Service(String name, String env, boolean canary) {
        String repository() {
            return "burst/" + name;
        }

        String cluster() {
            return cluster(env);
        }

        static String cluster(String env) {
            return "burst-" + env;
        }
    }

    /** One ECR push: {@code eventId} is the ECR event's id, which shiplane uses as the push id. */
    record Push(int index, Service service, String eventId, String tag, String digest, Instant pushedAt) {
        byte[] event() {
            var event = JSON.createObjectNode()
                    .put("version", "0")
                    .put("id", eventId)
                    .put("detail-type", "ECR Image Action")
                    .put("source", "aws.ecr")
                    .put("account", AwsEmulator.ACCOUNT)
                    .put("time", pushedAt.toString())
                    .put("region", AwsEmulator.REGION);
            event.putArray("resources");
            event.putObject("detail")
                    .put("result", "SUCCESS")
                    .put("repository-name", service.repository())
                    .put("image-digest", digest)
                    .put("action-type", "PUSH")
                    .put("image-tag", tag);
            return event.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    static BurstPlan generate(int serviceCount, int canaries, int pushCount, long seed) {
        if (canaries > serviceCount || serviceCount < 1 || pushCount < serviceCount) {
            throw new IllegalArgumentException("need 1 ≤ services ≤ pushes and canaries ≤ services");
        }
        var random = new Random(seed);
        List<Service> services = new ArrayList<>();
        for (int i = 1; i <= serviceCount; i++) {
            services.add(new Service("svc-%02d".formatted(i), ENVIRONMENTS.get((i - 1) % ENVIRONMENTS.size()),
                    i > serviceCount - canaries));
        }
        // every service once, in a shuffled order; then runs on randomly chosen services
        List<Service> order = new ArrayList<>(services);
        Collections.shuffle(order, random);
        while (order.size() < pushCount) {
            var service = services.get(random.nextInt(services.size()));
            int run = random.nextInt(10) == 0 ? 5 + random.nextInt(11) : 1 + random.nextInt(3);
            for (int i = 0; i < run && order.size() < pushCount; i++) order.add(service);
        }
        Map<String, Integer> minor = new HashMap<>();
        List<Push> pushes = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            var service = order.get(i);
            int version = minor.merge(service.name(), 1, Integer::sum);
            var eventId = UUID.nameUUIDFromBytes((seed + "/push/" + i).getBytes(StandardCharsets.UTF_8)).toString();
            pushes.add(new Push(i, service, eventId, "1." + version + ".0", digest(seed + "/image/" + i),
                    FIRST_PUSH.plusSeconds(i)));
        }
        return new BurstPlan(seed, List.copyOf(services), List.copyOf(pushes));
    }

    long canaryCount() {
        return services.stream().filter(Service::canary).count();
    }

    /** The last push of each service: what it must end on (or be rolling out). */
    Map<Service, Push> lastPushes() {
        Map<Service, Push> last = new HashMap<>();
        for (var push : pushes) last.put(push.service(), push);
        return last;
    }

    /** The shiplane.yml of the burst. */
    String configYaml() {
        var yaml = new StringBuilder("""
                # generated by the sandbox's burst benchmark (dev.shiplane.sandbox.Burst)
                version: 1
                environments:
                """);
        for (var env : ENVIRONMENTS) {
            yaml.append("  ").append(env).append(":\n")
                    .append("    cluster: ").append(Service.cluster(env)).append('\n')
                    .append("    tagPolicy: {semver: \">=0.1.0\"}\n");
        }
        yaml.append("services:\n");
        for (var service : services) {
            yaml.append("  ").append(service.name()).append(":\n")
                    .append("    repository: ").append(service.repository()).append('\n')
                    .append("    container: ").append(service.name()).append('\n')
                    .append("    environments: [").append(service.env()).append("]\n")
                    .append("    bake: 5m\n");
            if (service.canary()) {
                yaml.append("    strategy: canary\n")
                        .append("    steps: [10, 50, 100]\n");
            }
        }
        return yaml.toString();
    }

    private static String digest(String seedText) {
        try {
            var hash = MessageDigest.getInstance("SHA-256").digest(seedText.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
