package dev.shiplane.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.testkit.LedgerAgreement;
import java.util.Set;

/** What must hold on the emulator's real state after any scenario, however its events were delivered or failed. */
final class Invariants {

    private Invariants() {}

    /**
     * At any moment (checked right after a failed invocation too): a deployment the ledger records as started or
     * succeeded runs on a service of its cluster — never a half-registered deployment recorded as done.
     */
    static void noDeploymentRecordedAheadOfEcs(DeliveryWorld world, String when) {
        for (var d : world.ledger("deployment")) {
            var status = d.get("status").s();
            if (!Set.of("STARTED", "SUCCEEDED").contains(status)) continue;
            assertThat(d.get("toTaskDefinition")).as("%s: %s %s without a revision", when,
                    d.get("deploymentId").s(), status).isNotNull();
            assertThat(world.running(d.get("env").s())).as("%s: %s is %s but no ECS service runs %s", when,
                    d.get("deploymentId").s(), status, d.get("toTaskDefinition").s())
                    .contains(d.get("toTaskDefinition").s());
        }
    }

    /**
     * Once the bus is quiet: no lease held, no actions left pending on any service head, and the ledger agrees with
     * ECS ({@link #ledgerAgreesWithEcs}).
     */
    static void servicesAtRest(DeliveryWorld world, String when) {
        for (var head : world.ledger("service")) {
            var name = head.get("env").s() + "/" + head.get("service").s();
            assertThat(head.get("leaseOwner")).as("%s: lease left held on %s", when, name).isNull();
            assertThat(head.get("pendingActions")).as("%s: actions left pending on %s", when, name).isNull();
        }
        ledgerAgreesWithEcs(world, when);
    }

    /**
     * Every service head at rest names as stable the revision ECS runs (the service's, or the live colour's behind
     * the listener) and, where the ledger records one, that revision's image: testkit's {@link LedgerAgreement}.
     */
    static LedgerAgreement.Report ledgerAgreesWithEcs(DeliveryWorld world, String when) {
        var report = new LedgerAgreement(world.aws).check(DeliveryWorld.CONFIG, world.ledgerPort());
        assertThat(report.disagreements()).as("%s: the ledger disagrees with ECS (%s)", when, report).isEmpty();
        return report;
    }

    /** Listener weights are split only while the staging api head has an active rollout. */
    static void noSplitWithoutActiveRollout(DeliveryWorld world, String when) {
        if (world.apiRule == null) return;
        var weights = world.blueGreen.weights(world.apiRule);
        if (weights.equals("blue=100 green=0") || weights.equals("blue=0 green=100")) return;
        var head = world.ledger("service").stream()
                .filter(h -> h.get("env").s().equals("staging") && h.get("service").s().equals("api")).findFirst();
        var rollout = head.map(h -> h.get("rollout")).map(a -> a.s()).orElse(null);
        assertThat(rollout).as("%s: weights %s with no rollout", when, weights).isNotNull();
        var phase = DeliveryWorld.read(rollout).path("phase").asText();
        assertThat(phase).as("%s: weights %s with rollout %s", when, weights, rollout)
                .isIn("WAITING_FOR_HEALTHY", "SHIFTING");
    }

    /**
     * One deployment started for the image in the environment: every {@code Deployment Started} for it carries the
     * same {@code deploymentId}. Returns how many were published: more than one only where a failure fell between
     * publishing and recording the announcement, which docs/EVENTS.md leaves to subscribers (at-least-once,
     * deduplicate on {@code deploymentId} + {@code detail-type}); fault-free runs require exactly one.
     */
    static long startedOnce(DeliveryWorld world, String env, String service, String digest, String when) {
        var started = world.published.stream()
                .filter(e -> e.get("detail-type").asText().equals("Deployment Started")
                        && e.get("detail").path("env").asText().equals(env)
                        && e.get("detail").path("service").asText().equals(service)
                        && e.get("detail").path("image").path("digest").asText().equals(digest))
                .toList();
        assertThat(started).as("%s: Deployment Started for %s/%s %s", when, env, service, digest).isNotEmpty();
        assertThat(started.stream().map(e -> e.get("detail").get("deploymentId").asText()).distinct())
                .as("%s: deployments started for %s/%s %s", when, env, service, digest).hasSize(1);
        return started.size();
    }

    static String status(DeliveryWorld world, String env, String service) {
        var deployments = world.ledger("deployment").stream()
                .filter(d -> d.get("env").s().equals(env) && d.get("service").s().equals(service)).toList();
        assertThat(deployments).as("deployments of %s/%s", env, service).hasSize(1);
        return deployments.getFirst().get("status").s();
    }
}
