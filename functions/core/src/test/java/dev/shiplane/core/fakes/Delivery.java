package dev.shiplane.core.fakes;

import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.deploy.DeployService;
import dev.shiplane.core.deploy.DeploymentCompletion;
import dev.shiplane.core.deploy.PromotionService;
import dev.shiplane.core.deploy.ScanGateService;
import dev.shiplane.core.deploy.VerificationService;
import dev.shiplane.core.rollback.RollbackService;
import dev.shiplane.core.rollout.RolloutExecutor;
import dev.shiplane.core.rollout.RolloutService;
import dev.shiplane.core.rollout.RolloutStarter;
import java.time.Duration;
import java.time.Instant;

/** The use cases wired on fakes, as the functions' composition roots wire them on adapters. */
public final class Delivery {

    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
    public final InMemoryLedger ledger = new InMemoryLedger();
    public final RecordingBus bus = new RecordingBus();
    public final FakeEcs ecs = new FakeEcs();
    public final FakeRouter router = new FakeRouter();
    public final FakeScheduler scheduler = new FakeScheduler();
    public final FakeAlarms alarms = new FakeAlarms();
    public final FakeScans scans = new FakeScans();
    public final ShiplaneConfig config;
    public final RolloutService rollouts;
    public final DeployService deploys;
    public final ScanGateService scanGate;
    public final DeploymentCompletion completions;
    public final PromotionService promotions;
    public final VerificationService verifications;
    public final RollbackService rollbacks;

    public Delivery(ShiplaneConfig config) {
        this.config = config;
        // The platform stack creates every two-colour service's target groups and weighted rule.
        config.environments().forEach(env -> config.targetsIn(env.name()).stream()
                .filter(t -> t.service().twoColours())
                .forEach(t -> router.routes(t.service().colours(t.environment()))));
        var lease = Duration.ofSeconds(120);
        var executor = new RolloutExecutor(router, ecs, scheduler, bus);
        this.rollouts = new RolloutService(config, ledger, executor, alarms, clock, lease);
        this.deploys = new DeployService(config, ecs, new RolloutStarter(ecs, router, executor, clock), ledger, bus,
                clock, lease, scans, scans, scheduler);
        this.scanGate = new ScanGateService(config, ledger, deploys);
        this.completions = new DeploymentCompletion(config, ledger, bus, rollouts, scheduler, clock);
        this.promotions = new PromotionService(config, ledger, alarms, deploys, bus, clock);
        this.verifications = new VerificationService(config, ledger, alarms, bus, clock);
        this.rollbacks = new RollbackService(config, ledger, rollouts, executor, bus, clock, lease);
    }
}
