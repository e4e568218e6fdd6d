package dev.shiplane.core.deploy;

import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.config.TargetResolver;
import dev.shiplane.core.events.DeploymentSkipped;
import dev.shiplane.core.events.GateFailed;
import dev.shiplane.core.events.GatePassed;
import dev.shiplane.core.events.ScanTimeoutDue;
import dev.shiplane.core.gate.ImageScanned;
import dev.shiplane.core.gate.ScanGate;
import dev.shiplane.core.gate.ScanGatePolicy;
import dev.shiplane.core.gate.ScanResult;
import dev.shiplane.core.gate.ScanVerdict;
import dev.shiplane.core.freeze.FreezePolicy;
import dev.shiplane.core.freeze.FreezeVerdict;
import dev.shiplane.core.ports.Freezes;
import dev.shiplane.core.ports.ImageScans;
import dev.shiplane.core.ports.OneShotScheduler;
import dev.shiplane.core.ports.ScanRecords;
import dev.shiplane.core.rollout.StepSchedules;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.ports.EventBus;
import dev.shiplane.core.ports.Ledger;
import dev.shiplane.core.ports.TaskDefinitions;
import dev.shiplane.core.rollout.RolloutStarter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Use case: an image was pushed (or promoted); deploy it to every service and environment that takes it.
 *
 * <p>Per target: decide from a ledger snapshot ({@link DeployPlanner}), take the service lease with a conditional
 * write, register the new revision, hand it to ECS (a rolling update, or the idle colour of a progressive service),
 * then release the lease and activate the deployment in one conditional write, and announce it. Each step is
 * recorded before the next, so a retried event resumes where a crashed invocation stopped instead of registering or
 * deploying twice.
 */
public final class DeployService {

    public static final String LABEL_TAG = "shiplane.image.tag";
    public static final String LABEL_DEPLOYMENT = "shiplane.deployment-id";
    /** How far back a scan result looks for deployments of its image (per service). */
    private static final int HISTORY_SCANNED = 20;

    private final ShiplaneConfig config;
    private final TaskDefinitions taskDefinitions;
    private final RolloutStarter starter;
    private final Ledger ledger;
    private final EventBus bus;
    private final DeploymentAnnouncements announcements;
    private final Clock clock;
    private final Duration leaseTtl;
    private final ImageScans scans;
    private final ScanRecords scanRecords;
    private final OneShotScheduler scheduler;
    private final Freezes freezes;

    /** Without scan lookups: for configurations whose environments have no {@code scanGate}. */
    public DeployService(ShiplaneConfig config, TaskDefinitions taskDefinitions, RolloutStarter starter, Ledger ledger,
                         EventBus bus, Clock clock, Duration leaseTtl) {
        this(config, taskDefinitions, starter, ledger, bus, clock, leaseTtl,
                image -> new ScanResult.NotConfigured("this deploy function looks up no scans"), null, null);
    }

    /**
     * @param scans       the registry's scan of an image, asked when no result was recorded
     * @param scanRecords results announced by scan events, asked first
     * @param scheduler   schedules the scan gate's timeout ({@code Scan Timeout Due})
     */
    public DeployService(ShiplaneConfig config, TaskDefinitions taskDefinitions, RolloutStarter starter, Ledger ledger,
                         EventBus bus, Clock clock, Duration leaseTtl, ImageScans scans, ScanRecords scanRecords,
                         OneShotScheduler scheduler) {
        this(config, taskDefinitions, starter, ledger, bus, clock, leaseTtl, scans, scanRecords, scheduler,
                Freezes.NONE);
    }

    /** @param freezes operators' ad-hoc freezes, asked with the configuration's calendar windows */
    public DeployService(ShiplaneConfig config, TaskDefinitions taskDefinitions, RolloutStarter starter, Ledger ledger,
                         EventBus bus, Clock clock, Duration leaseTtl, ImageScans scans, ScanRecords scanRecords,
                         OneShotScheduler scheduler, Freezes freezes) {
        this.freezes = freezes;
        if ((scheduler == null || scanRecords == null) && config.environments().stream()
                .anyMatch(e -> e.scanGate() != null && e.scanGate().enforced())) {
            throw new IllegalArgumentException("an enforced scanGate needs scan records and a scheduler");
        }
        this.scans = scans;
        this.scanRecords = scanRecords;
        this.scheduler = scheduler;
        this.config = config;
        this.taskDefinitions = taskDefinitions;
        this.starter = starter;
        this.ledger = ledger;
        this.bus = bus;
        this.announcements = new DeploymentAnnouncements(bus, ledger);
        this.clock = clock;
        this.leaseTtl = leaseTtl;
    }

    /** A push: every target, except environments that take images only by promotion. */
    public List<TargetOutcome> deploy(ImagePush push) {
        var targets = TargetResolver.resolve(config, push);
        if (targets.isEmpty()) {
            bus.publish(new DeploymentSkipped(null, null, null, push.pushId(), ImageRef.of(push),
                    SkipReason.UNKNOWN_REPOSITORY.code(), "no service in shiplane.yml takes images from '"
                            + push.source() + "'", clock.instant()));
            return List.of(new TargetOutcome(null, null, null, new DeployResult.Skipped(SkipReason.UNKNOWN_REPOSITORY)));
        }
        return deployAll(targets, push, false);
    }

    /** A promotion: the image that passed in the source environment, to one target. */
    public TargetOutcome promote(ImagePush push, Target target) {
        return deployAll(List.of(target), push, true).getFirst();
    }

    /**
     * A scan result arrived: every deployment of this image held for it (in any environment) is decided now — it
     * proceeds or is blocked. Deployments in report-only environments are told the result.
     */
    public List<TargetOutcome> onScanned(ImageScanned scan) {
        if (scanRecords != null) scanRecords.record(scan);
        List<TargetOutcome> outcomes = new ArrayList<>();
        for (var env : config.environments()) {
            for (var svc : config.services()) {
                if (!svc.environments().contains(env.name()) || !svc.repositories().contains(scan.repository())
                        || env.scanGate() == null) {
                    continue;
                }
                var target = new Target(env, svc);
                for (var d : ledger.history(env.name(), svc.name(), HISTORY_SCANNED)) {
                    if (!d.image().digest().equals(scan.digest()) || !"ecr".equals(d.image().registry())) continue;
                    if (env.scanGate().enforced() && d.status() == DeploymentStatus.AWAITING_SCAN) {
                        outcomes.add(deployTo(target, d.image().asPush(d.pushId(), d.pushedAt()), env.promoted(),
                                scan.result(), false));
                    } else if (!env.scanGate().enforced()) {
                        report(target, d, scan.result());
                        outcomes.add(outcome(target, d.deploymentId(), new DeployResult.Reported()));
                    }
                }
            }
        }
        return outcomes;
    }

    /** The gate's timeout fired: a deployment still awaiting its scan looks once more, then is blocked. */
    public TargetOutcome onScanTimeout(ScanTimeoutDue due) {
        var target = config.target(due.env(), due.service());
        var held = ledger.deployment(due.env(), due.service(), due.deploymentId());
        if (target.isEmpty() || held.isEmpty() || held.get().status() != DeploymentStatus.AWAITING_SCAN) {
            return new TargetOutcome(due.env(), due.service(), due.deploymentId(),
                    new DeployResult.Ignored("not awaiting its scan"));
        }
        return deployTo(target.get(), due.image().asPush(due.pushId(), due.pushedAt()),
                target.get().environment().promoted(), null, true);
    }

    private List<TargetOutcome> deployAll(List<Target> targets, ImagePush push, boolean promotion) {
        List<TargetOutcome> outcomes = new ArrayList<>();
        Map<String, String> busy = new LinkedHashMap<>();
        for (var target : targets) {
            var outcome = deployTo(target, push, promotion, null, false);
            outcomes.add(outcome);
            if (outcome.result() instanceof DeployResult.Busy b) {
                busy.put(target.env() + "/" + target.serviceName(), b.why());
            }
        }
        if (!busy.isEmpty()) {
            throw new ServiceBusyException("retry later, services busy: " + busy);
        }
        return outcomes;
    }

    /**
     * @param scanned        the scan result when a scan event triggered this ({@code null}: look it up)
     * @param deadlinePassed the scan gate's timeout fired
     */
    private TargetOutcome deployTo(Target target, ImagePush push, boolean promotion, ScanResult scanned,
                                   boolean deadlinePassed) {
        var now = clock.instant();
        var deploymentId = DeploymentId.of(push.pushId(), target.env(), target.serviceName());
        if (target.environment().promoted() && !promotion) {
            return skip(target, push, deploymentId, new DeployDecision.Skip(SkipReason.PROMOTION, target.env()
                    + " takes images by promotion from " + target.environment().promoteFrom() + " after "
                    + target.environment().promoteAfter().toMinutes() + "m without alarms"));
        }
        var state = ledger.serviceState(target.env(), target.serviceName());
        var existing = ledger.deployment(target.env(), target.serviceName(), deploymentId);
        var verdict = target.environment().tagPolicy().admits(push.tag());
        var decision = DeployPlanner.decide(push, verdict, deploymentId, existing, state, now);
        if (decision instanceof DeployDecision.Begin) {
            // Only a deployment about to begin asks: one already under way finishes, and rollbacks never ask.
            if (FreezePolicy.verdict(config.freezes(), freezes.of(target.env()), target.env(), now)
                    instanceof FreezeVerdict.Frozen frozen) {
                return skip(target, push, deploymentId, new DeployDecision.Skip(SkipReason.FREEZE, frozen.detail()));
            }
            var gated = held(target, push, deploymentId, existing, scanned, deadlinePassed);
            if (gated != null) return gated;
        }
        return switch (decision) {
            case DeployDecision.Skip skip -> skip(target, push, deploymentId, skip);
            case DeployDecision.Busy b -> outcome(target, deploymentId, new DeployResult.Busy(b.why()));
            case DeployDecision.Announce a -> {
                announcements.announce(a.deployment(), target, ecsServiceOf(target, state, a.deployment()));
                yield outcome(target, deploymentId, new DeployResult.Announced());
            }
            case DeployDecision.Begin ignored -> {
                var pending = new Deployment(deploymentId, target.env(), target.serviceName(), push.pushId(),
                        ImageRef.of(push), DeploymentStatus.PENDING, null, null, null, null, push.pushedAt(), now,
                        now, null);
                yield carryOut(target, push, pending, state);
            }
            case DeployDecision.Resume r -> carryOut(target, push, r.pending(), state);
        };
    }

    private TargetOutcome carryOut(Target target, ImagePush push, Deployment pending, ServiceState state) {
        var now = clock.instant();
        var leased = state.leasedTo(pending.deploymentId(), now.plus(leaseTtl), push.pushedAt());
        LeaseWrites.take(ledger, leased, () -> ledger.commit(List.of(pending), leased, state.version()));
        try {
            var deployment = pending;
            if (deployment.toTaskDefinition() == null) {
                var from = taskDefinitions.currentOf(target.cluster(), starter.sourceServiceOf(target, leased));
                var labels = new LinkedHashMap<String, String>();
                if (push.tag() != null) labels.put(LABEL_TAG, push.tag());
                labels.put(LABEL_DEPLOYMENT, deployment.deploymentId());
                var to = taskDefinitions.registerWithImage(from, target.service().container(), push.pinnedUri(),
                        labels);
                deployment = deployment.registered(from, to, clock.instant());
                ledger.save(deployment);
            }
            var started = starter.start(target, leased, deployment);
            List<Deployment> writes = new ArrayList<>();
            writes.add(started.deployment());
            supersededBy(leased, started.deployment()).ifPresent(writes::add);
            // What ran before shiplane's first deployment here was serving traffic: it is the first rollback target.
            var head = started.state().withBaseline(deployment.fromTaskDefinition(), clock.instant());
            ledger.commit(writes, head, leased.version());
            announcements.announce(started.deployment(), target, started.ecsService());
            return outcome(target, started.deployment().deploymentId(), new DeployResult.Started());
        } catch (RuntimeException failure) {
            releaseLease(leased, failure);
            throw failure;
        }
    }

    /**
     * The scan gate, before anything changes in AWS: {@code null} to go ahead, or the outcome of holding (awaiting
     * the scan) or blocking the deployment. Report-only gates never hold; they announce a result already known.
     */
    private TargetOutcome held(Target target, ImagePush push, String deploymentId, Optional<Deployment> existing,
                               ScanResult scanned, boolean deadlinePassed) {
        var gate = target.environment().scanGate();
        if (gate == null) return null;
        var result = scanned != null ? scanned : recordedOrAsked(push);
        var now = clock.instant();
        var awaiting = existing.filter(d -> d.status() == DeploymentStatus.AWAITING_SCAN);
        if (!gate.enforced()) {
            if (!(result instanceof ScanResult.Pending)) {
                publishGate(target, deploymentId, ImageRef.of(push), ScanGatePolicy.judge(gate, result, false), false);
            }
            return null;
        }
        var verdict = ScanGatePolicy.judge(gate, result, deadlinePassed);
        switch (verdict) {
            case ScanVerdict.Wait w -> {
                if (awaiting.isEmpty()) {
                    var due = now.plus(gate.timeout());
                    ledger.save(new Deployment(deploymentId, target.env(), target.serviceName(), push.pushId(),
                            ImageRef.of(push), DeploymentStatus.AWAITING_SCAN, null, null, null, null,
                            push.pushedAt(), now, now, "awaiting the image scan until " + due));
                    scheduler.schedule(StepSchedules.scanTimeout(deploymentId), due, new ScanTimeoutDue(target.env(),
                            target.serviceName(), deploymentId, push.pushId(), ImageRef.of(push), push.pushedAt(), due));
                }
                return outcome(target, deploymentId, new DeployResult.AwaitingScan());
            }
            case ScanVerdict.Block b -> {
                publishGate(target, deploymentId, ImageRef.of(push), verdict, true);
                var blocked = awaiting.orElseGet(() -> new Deployment(deploymentId, target.env(), target.serviceName(),
                                push.pushId(), ImageRef.of(push), DeploymentStatus.AWAITING_SCAN, null, null, null,
                                null, push.pushedAt(), now, now, null))
                        .withStatus(DeploymentStatus.BLOCKED, b.reason(), now);
                announcements.announce(blocked, target, target.ecsService());
                if (awaiting.isPresent() && !deadlinePassed) scheduler.cancel(StepSchedules.scanTimeout(deploymentId));
                return outcome(target, deploymentId, new DeployResult.Blocked(ScanGate.NAME));
            }
            case ScanVerdict.Pass p -> {
                publishGate(target, deploymentId, ImageRef.of(push), verdict, true);
                if (awaiting.isPresent() && !deadlinePassed) scheduler.cancel(StepSchedules.scanTimeout(deploymentId));
                return null;
            }
        }
    }

    private ScanResult recordedOrAsked(ImagePush push) {
        var recorded = scanRecords == null ? Optional.<ScanResult>empty()
                : scanRecords.find(push.repository(), push.digest());
        return recorded.orElseGet(() -> scans.resultOf(push));
    }

    /** A report-only environment learns the scan of an image it already runs (or ran). */
    private void report(Target target, Deployment deployment, ScanResult result) {
        var gate = target.environment().scanGate();
        publishGate(target, deployment.deploymentId(), deployment.image(), ScanGatePolicy.judge(gate, result, false),
                false);
    }

    private void publishGate(Target target, String deploymentId, ImageRef image, ScanVerdict verdict,
                             boolean enforced) {
        var now = clock.instant();
        switch (verdict) {
            case ScanVerdict.Pass p -> bus.publish(new GatePassed(ScanGate.NAME, null, target.env(), target.serviceName(),
                    deploymentId, image, p.evidence(), enforced, now));
            case ScanVerdict.Block b -> bus.publish(new GateFailed(ScanGate.NAME, null, target.env(), target.serviceName(),
                    deploymentId, image, b.reason(), enforced, now));
            case ScanVerdict.Wait w -> { }
        }
    }

    private static String ecsServiceOf(Target target, ServiceState state, Deployment deployment) {
        var rollout = state.rollout();
        if (rollout != null && rollout.deploymentId().equals(deployment.deploymentId())) {
            return rollout.routing().service(rollout.canaryColour());
        }
        return target.ecsService();
    }

    /** The deployment that was still rolling when this one replaced it, now ended as superseded. */
    private Optional<Deployment> supersededBy(ServiceState leased, Deployment replacement) {
        if (leased.activeDeploymentId() == null || leased.activeDeploymentId().equals(replacement.deploymentId())) {
            return Optional.empty();
        }
        return ledger.deployment(leased.env(), leased.service(), leased.activeDeploymentId())
                .filter(previous -> previous.status() == DeploymentStatus.STARTED)
                .map(previous -> previous.withStatus(DeploymentStatus.SUPERSEDED,
                        "replaced by " + replacement.deploymentId() + " before it completed", clock.instant()));
    }

    /** Frees the service for the retry at once instead of making it wait for the lease to expire. */
    private void releaseLease(ServiceState leased, RuntimeException cause) {
        try {
            ledger.commit(List.of(), leased.released(), leased.version());
        } catch (RuntimeException releaseFailure) {
            cause.addSuppressed(releaseFailure); // the lease then simply expires
        }
    }

    private TargetOutcome skip(Target target, ImagePush push, String deploymentId, DeployDecision.Skip skip) {
        var now = clock.instant();
        if (skip.close() != null) {
            ledger.save(skip.close().withStatus(DeploymentStatus.SUPERSEDED, skip.detail(), now).announcedNow());
        }
        bus.publish(new DeploymentSkipped(target.env(), target.serviceName(), deploymentId, push.pushId(),
                ImageRef.of(push), skip.reason().code(), skip.detail(), now));
        return outcome(target, deploymentId, new DeployResult.Skipped(skip.reason()));
    }

    private static TargetOutcome outcome(Target target, String deploymentId, DeployResult result) {
        return new TargetOutcome(target.env(), target.serviceName(), deploymentId, result);
    }
}
