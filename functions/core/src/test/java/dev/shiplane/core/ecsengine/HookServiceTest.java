package dev.shiplane.core.ecsengine;

import static dev.shiplane.core.ecsengine.HookFixtures.GATE;
import static dev.shiplane.core.ecsengine.HookFixtures.HEALTH;
import static dev.shiplane.core.ecsengine.HookFixtures.IMAGE;
import static dev.shiplane.core.ecsengine.HookFixtures.NOW;
import static dev.shiplane.core.ecsengine.HookFixtures.SMOKE;
import static dev.shiplane.core.ecsengine.HookFixtures.answered;
import static dev.shiplane.core.ecsengine.HookFixtures.deployment;
import static dev.shiplane.core.ecsengine.HookFixtures.prod;
import static dev.shiplane.core.ecsengine.HookFixtures.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.config.Engine;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.events.DeploymentBlocked;
import dev.shiplane.core.events.GateFailed;
import dev.shiplane.core.events.TrafficShifted;
import dev.shiplane.core.fakes.FakeScans;
import dev.shiplane.core.fakes.InMemoryDeliveryRegistry;
import dev.shiplane.core.fakes.InMemoryLedger;
import dev.shiplane.core.fakes.MutableClock;
import dev.shiplane.core.fakes.RecordingBus;
import dev.shiplane.core.freeze.Freeze;
import dev.shiplane.core.gate.CheckResponse;
import dev.shiplane.core.gate.ImageScanned;
import dev.shiplane.core.gate.ScanResult;
import dev.shiplane.core.gate.Severity;
import dev.shiplane.core.freeze.Freezes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The use case over in-memory ports: which deployment a hook belongs to, what it asks, what it announces once. */
class HookServiceTest {

    static final String SERVICE_ARN = "arn:aws:ecs:us-east-1:123456789012:service/monynha-prod/web";
    static final String NEW_REVISION = "arn:aws:ecs:us-east-1:123456789012:service-revision/monynha-prod/web/7";
    static final String OLD_REVISION = "arn:aws:ecs:us-east-1:123456789012:service-revision/monynha-prod/web/6";

    record Probe(String url, Map<String, String> headers) {}

    final InMemoryLedger ledger = new InMemoryLedger();
    final RecordingBus bus = new RecordingBus();
    final InMemoryDeliveryRegistry claims = new InMemoryDeliveryRegistry();
    final FakeScans scans = new FakeScans();
    final MutableClock clock = new MutableClock(NOW);
    final Map<String, Freeze> adHoc = new HashMap<>();
    final List<Probe> probes = new ArrayList<>();
    CheckResponse serviceAnswers = answered(200, "ok");

    final Freezes freezes = new Freezes() {
        public Optional<Freeze> of(String env) { return Optional.ofNullable(adHoc.get(env)); }
        public void put(Freeze freeze) { adHoc.put(freeze.env(), freeze); }
        public void lift(String env) { adHoc.remove(env); }
    };

    HookService service(ServiceSpec web) {
        var config = new ShiplaneConfig(List.of(prod(GATE)), List.of(web));
        return new HookService(config, ledger, freezes, scans, scans, (url, headers, timeout, field) -> {
            probes.add(new Probe(url, headers));
            return serviceAnswers;
        }, bus, claims, clock);
    }

    HookService service() {
        return service(web(Engine.ECS, List.of(HEALTH, SMOKE)));
    }

    /** The ledger as the deploy function leaves it after handing d-7 to ECS. */
    void deploying(DeploymentStatus status, boolean quarantined) {
        var head = ServiceState.initial("prod", "web").activated("d-7", "ecs-svc/1");
        if (quarantined) head = head.withQuarantine(IMAGE.digest(), true);
        ledger.commit(List.of(deployment("d-7", status)), head, 0);
    }

    static HookInvocation at(String stage, Map<String, String> details, int newWeight) {
        return new HookInvocation("exec-1", stage, "arn:aws:ecs:us-east-1:123456789012:service-deployment/monynha-prod/web/x",
                SERVICE_ARN, NEW_REVISION, Map.of(NEW_REVISION, newWeight, OLD_REVISION, 100 - newWeight), details);
    }

    static HookInvocation at(String stage) {
        return at(stage, Map.of(), 0);
    }

    @Test
    void hookBelongsToTheServicesActiveDeployment_aFreezeBlocksIt() {
        deploying(DeploymentStatus.STARTED, false);
        adHoc.put("prod", new Freeze("prod", "incident", NOW.plusSeconds(3600), "ana", NOW.minusSeconds(60)));
        scans.result(IMAGE.digest(), new ScanResult.Complete(Map.of()));

        var answer = service().answer(at("PRE_SCALE_UP"));

        assertThat(answer).isInstanceOf(HookAnswer.Failed.class);
        assertThat(bus.published(DeploymentBlocked.class)).singleElement().satisfies(b -> {
            assertThat(b.deploymentId()).isEqualTo("d-7");
            assertThat(b.gate()).isEqualTo("freeze");
            assertThat(b.reason()).contains("ana");
        });
    }

    @Test
    void blockedDeployment_isRecordedBlocked_andStaysRefusedAfterTheFreezeIsLifted() {
        deploying(DeploymentStatus.STARTED, false);
        adHoc.put("prod", new Freeze("prod", "incident", NOW.plusSeconds(3600), "ana", NOW.minusSeconds(60)));
        scans.result(IMAGE.digest(), new ScanResult.Complete(Map.of()));
        var hooks = service();

        hooks.answer(at("PRE_SCALE_UP"));
        adHoc.clear();
        var redelivered = hooks.answer(at("PRE_SCALE_UP"));

        assertThat(ledger.deployment("prod", "web", "d-7").orElseThrow().status()).isEqualTo(DeploymentStatus.BLOCKED);
        assertThat(redelivered).isInstanceOfSatisfying(HookAnswer.Failed.class,
                f -> assertThat(f.reason()).contains("d-7 was blocked"));
        assertThat(bus.published(DeploymentBlocked.class)).hasSize(1);
    }

    @Test
    void failedCheck_leavesTheLedgerToTheDeploymentEvent() {
        deploying(DeploymentStatus.STARTED, false);
        serviceAnswers = new CheckResponse.Unreachable("connection refused");

        var answer = service().answer(at("POST_TEST_TRAFFIC_SHIFT", Map.of("shiplane.attempt.health", "3"), 0));

        assertThat(answer.hookStatus()).isEqualTo("FAILED");
        assertThat(ledger.deployment("prod", "web", "d-7").orElseThrow().status()).isEqualTo(DeploymentStatus.STARTED);
    }

    @Test
    void redeliveredInvocation_isAnsweredAgainButAnnouncedOnce() {
        deploying(DeploymentStatus.STARTED, true);
        var hooks = service();

        var first = hooks.answer(at("PRE_SCALE_UP"));
        var again = hooks.answer(at("PRE_SCALE_UP"));

        assertThat(first.hookStatus()).isEqualTo("FAILED");
        assertThat(again.hookStatus()).isEqualTo("FAILED");
        assertThat(bus.published(DeploymentBlocked.class)).singleElement()
                .satisfies(b -> assertThat(b.gate()).isEqualTo("quarantine"));
    }

    @Test
    void busRefusingTheAnnouncement_failsTheInvocationAndTheRedeliveryAnnounces() {
        deploying(DeploymentStatus.STARTED, true);
        var hooks = service();
        bus.failNext(1);

        assertThatThrownBy(() -> hooks.answer(at("PRE_SCALE_UP"))).hasMessageContaining("bus unavailable");
        hooks.answer(at("PRE_SCALE_UP"));

        assertThat(bus.published(DeploymentBlocked.class)).hasSize(1);
    }

    @Test
    void scanRecordedFromTheScanEvent_isJudgedBeforeScaleUp() {
        deploying(DeploymentStatus.STARTED, false);
        scans.record(new ImageScanned("monynha/web", IMAGE.digest(), List.of("1.5.0"),
                new ScanResult.Complete(Map.of(Severity.CRITICAL, 1)), NOW));

        var answer = service().answer(at("PRE_SCALE_UP"));

        assertThat(answer.hookStatus()).isEqualTo("FAILED");
        assertThat(bus.published(GateFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.evidence()).contains("CRITICAL 1"));
    }

    @Test
    void scanStillRunning_asksAgainAndCountsItsTimeoutFromTheFirstInvocation() {
        deploying(DeploymentStatus.STARTED, false);
        var hooks = service();

        var first = (HookAnswer.InProgress) hooks.answer(at("PRE_SCALE_UP"));
        clock.advance(Duration.ofMinutes(31));
        var later = hooks.answer(at("PRE_SCALE_UP", first.progress().toDetails(), 0));

        assertThat(later.hookStatus()).isEqualTo("FAILED");
        assertThat(bus.published(DeploymentBlocked.class)).singleElement()
                .satisfies(b -> assertThat(b.reason()).contains("no scan result within 30m"));
    }

    @Test
    void preTrafficCheck_reachesTheNewRevisionThroughTestTraffic_andRetriesOnTheNextInvocation() {
        deploying(DeploymentStatus.STARTED, false);
        serviceAnswers = answered(503, null);
        var hooks = service();

        var first = (HookAnswer.InProgress) hooks.answer(at("POST_TEST_TRAFFIC_SHIFT"));
        serviceAnswers = answered(200, "ok");
        var second = hooks.answer(at("POST_TEST_TRAFFIC_SHIFT", first.progress().toDetails(), 0));

        assertThat(probes).containsExactly(
                new Probe("https://origin.monynha.dev/api/health", Map.of("X-Shiplane-Colour", "green")),
                new Probe("https://origin.monynha.dev/api/health", Map.of("X-Shiplane-Colour", "green")));
        assertThat(first.callBackDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(second.hookStatus()).isEqualTo("SUCCEEDED");
        assertThat(bus.published()).extracting(HookFixtures::describe).containsExactly("Gate Passed pre-traffic health");
        assertThat(bus.published(dev.shiplane.core.events.GatePassed.class).getFirst().evidence())
                .contains("attempt 2");
    }

    @Test
    void postPromotionCheck_asksTheLiveServiceWithoutTheTestHeader() {
        deploying(DeploymentStatus.STARTED, false);
        serviceAnswers = answered(200, null);

        var answer = service().answer(at("POST_PRODUCTION_TRAFFIC_SHIFT", Map.of(), 100));

        assertThat(answer.hookStatus()).isEqualTo("SUCCEEDED");
        assertThat(probes).containsExactly(new Probe("https://origin.monynha.dev/api/health", Map.of()));
    }

    @Test
    void everyProductionShiftIsAnnounced_oncePerWeight() {
        deploying(DeploymentStatus.STARTED, false);
        var hooks = service();

        hooks.answer(at("PRODUCTION_TRAFFIC_SHIFT", Map.of(), 10));
        hooks.answer(at("PRODUCTION_TRAFFIC_SHIFT", Map.of(), 10));
        hooks.answer(at("PRODUCTION_TRAFFIC_SHIFT", Map.of(), 100));

        assertThat(bus.published(TrafficShifted.class)).extracting(TrafficShifted::canaryWeight).containsExactly(10, 100);
    }

    @Test
    void deploymentStillBeingRecorded_isAskedAgainShortly() {
        var leased = ServiceState.initial("prod", "web").leasedTo("d-8", NOW.plusSeconds(120));
        ledger.commit(List.of(), leased, 0);

        var answer = service().answer(at("PRE_SCALE_UP"));

        assertThat(answer).isInstanceOfSatisfying(HookAnswer.InProgress.class,
                p -> assertThat(p.callBackDelay()).isEqualTo(Duration.ofSeconds(5)));
    }

    @Test
    void rollbackShiplaneStarted_passesEvenWhenFrozen() {
        deploying(DeploymentStatus.ROLLED_BACK, true);
        adHoc.put("prod", new Freeze("prod", null, NOW.plusSeconds(3600), "ana", NOW));

        assertThat(service().answer(at("PRE_SCALE_UP")).hookStatus()).isEqualTo("SUCCEEDED");
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void serviceShiplaneDoesNotRunOnEcsEngine_orDoesNotManage_fails() {
        deploying(DeploymentStatus.STARTED, false);
        var rolling = new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.ROLLING, List.of(),
                List.of("prod"));

        var notOnEcsEngine = service(rolling).answer(at("PRE_SCALE_UP"));
        var unmanaged = service().answer(new HookInvocation("exec-2", "PRE_SCALE_UP", null,
                "arn:aws:ecs:us-east-1:123456789012:service/monynha-prod/billing", null, Map.of(), Map.of()));

        assertThat(notOnEcsEngine).isInstanceOfSatisfying(HookAnswer.Failed.class,
                f -> assertThat(f.reason()).contains("does not run on ECS's engine"));
        assertThat(unmanaged).isInstanceOfSatisfying(HookAnswer.Failed.class,
                f -> assertThat(f.reason()).contains("monynha-prod/billing is not managed by shiplane"));
    }

    @Test
    void nothingDeployedYet_fails() {
        assertThat(service().answer(at("POST_TEST_TRAFFIC_SHIFT"))).isInstanceOfSatisfying(HookAnswer.Failed.class,
                f -> assertThat(f.reason()).contains("shiplane has deployed nothing to prod/web"));
        assertThat(probes).isEmpty();
    }
}
