package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentId;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.LeaseWrites;
import dev.shiplane.core.ledger.ServiceBusyException;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.config.ServedEnvironments;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.config.TargetResolver;
import dev.shiplane.core.events.DeploymentSkipped;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.freeze.FreezePolicy;
import dev.shiplane.core.gate.ScanGate;
import dev.shiplane.core.gate.ScanResult;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.freeze.Freezes;
import dev.shiplane.core.gate.ImageScans;
import dev.shiplane.core.ledger.Ledger;
import dev.shiplane.core.events.OneShotScheduler;
import dev.shiplane.core.gate.ScanRecords;
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
 * <p>Per target: decide ({@link DeployPlanner}, which asks the ledger, the freezes and the scan gate only as far as it
 * needs them), carry out a scan hold or block ({@link ScanCheckpoint}), or take the service lease with a conditional
 * write, register the new revision, hand it to ECS (a rolling update, or the idle colour of a progressive service),
 * then release the lease and activate the deployment in one conditional write, and announce it. Each step is
 * recorded before the next, so a retried event resumes where a crashed invocation stopped instead of registering or
 * deploying twice.
 */
public final class DeployService {

    public static final String LABEL_TAG = "shiplane.image.tag";
    public static final String LABEL_DEPLOYMENT = "shiplane.deployment-id";

    private final ShiplaneConfig config;
    private final TaskDefinitions taskDefinitions;
    private final RolloutStarter starter;
    private final Ledger ledger;
    private final EventBus bus;
    private final DeploymentAnnouncements announcements;
    private final Clock clock;
    private final Duration leaseTtl;
    private final ScanCheckpoint scanCheckpoint;
    private final Freezes freezes;
    private final ServedEnvironments served;

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
        this(config, taskDefinitions, starter, ledger, bus, clock, leaseTtl, scans, scanRecords, scheduler, freezes,
                ServedEnvironments.all());
    }

    /** @param served the environments this delivery stack deploys pushes to; the others' stacks deploy theirs */
    public DeployService(ShiplaneConfig config, TaskDefinitions taskDefinitions, RolloutStarter starter, Ledger ledger,
                         EventBus bus, Clock clock, Duration leaseTtl, ImageScans scans, ScanRecords scanRecords,
                         OneShotScheduler scheduler, Freezes freezes, ServedEnvironments served) {
        this.served = served;
        this.freezes = freezes;
        if ((scheduler == null || scanRecords == null) && config.environments().stream()
                .anyMatch(e -> e.scanGate() != null && e.scanGate().enforced())) {
            throw new IllegalArgumentException("an enforced scanGate needs scan records and a scheduler");
        }
        this.config = config;
        this.taskDefinitions = taskDefinitions;
        this.starter = starter;
        this.ledger = ledger;
        this.bus = bus;
        this.announcements = new DeploymentAnnouncements(bus, ledger);
        this.scanCheckpoint = new ScanCheckpoint(scans, scanRecords, scheduler, ledger, bus, announcements, clock);
        this.clock = clock;
        this.leaseTtl = leaseTtl;
    }

    /**
     * A push: every target in a served environment, except environments that take images only by promotion (a push
     * is seen by the stack of each account its repository's events reach; each deploys to its own environments).
     */
    public List<TargetOutcome> deploy(ImagePush push) {
        var everywhere = TargetResolver.resolve(config, push);
        var targets = served.of(everywhere);
        if (targets.isEmpty() && !everywhere.isEmpty()) {
            return List.of(new TargetOutcome(null, null, null, new DeployResult.Ignored("no environment served here"
                    + " takes " + push.source() + " (" + String.join(", ", everywhere.stream().map(Target::env)
                    .distinct().toList()) + " are served by other accounts' stacks)")));
        }
        if (targets.isEmpty()) {
            bus.publish(new DeploymentSkipped(null, null, null, push.pushId(), ImageRef.of(push),
                    SkipReason.UNKNOWN_REPOSITORY.code(), "no service in shiplane.yml takes images from '"
                            + push.source() + "'", clock.instant()));
            return List.of(new TargetOutcome(null, null, null,
                    new DeployResult.Skipped(SkipReason.UNKNOWN_REPOSITORY)));
        }
        return deployAll(targets, push, false);
    }

    /** A promotion: the image that passed in the source environment, to one target. */
    public TargetOutcome promote(ImagePush push, Target target) {
        return deployAll(List.of(target), push, true).getFirst();
    }

    /**
     * A deployment the scan gate held is decided again, now that its scan reported ({@code scanned}) or its timeout
     * fired ({@code deadlinePassed}): it begins, stays held or is blocked. Used by {@link ScanGateService}.
     */
    TargetOutcome decideHeld(Target target, ImagePush push, ScanResult scanned, boolean deadlinePassed) {
        return deployTo(target, push, target.environment().promoted(), scanned, deadlinePassed);
    }

    ScanCheckpoint scanCheckpoint() {
        return scanCheckpoint;
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
        var facts = new AskedDeployFacts(ledger, () -> FreezePolicy.verdict(config.freezes(),
                freezes.of(target.env()), target.env(), now), () -> scanCheckpoint.check(target, push, scanned,
                deadlinePassed), target, push);
        var decision = DeployPlanner.decide(target, push, promotion, target.tagVerdict(push.tag()), facts,
                now);
        return switch (decision) {
            case DeployDecision.Skip skip -> skip(target, push, deploymentId, skip);
            case DeployDecision.Busy b -> outcome(target, deploymentId, new DeployResult.Busy(b.why()));
            case DeployDecision.Announce a -> {
                announcements.announce(a.deployment(), target, ecsServiceOf(target, facts.state(), a.deployment()));
                yield outcome(target, deploymentId, new DeployResult.Announced());
            }
            case DeployDecision.AwaitScan w -> {
                scanCheckpoint.hold(target, push, deploymentId, facts.existing());
                yield outcome(target, deploymentId, new DeployResult.AwaitingScan());
            }
            case DeployDecision.ScanBlocked b -> {
                scanCheckpoint.block(target, push, deploymentId, facts.existing(), b.reason(), deadlinePassed);
                yield outcome(target, deploymentId, new DeployResult.Blocked(ScanGate.NAME));
            }
            case DeployDecision.Begin begin -> {
                scanCheckpoint.letThrough(target, push, deploymentId, facts.existing(), begin.scan(), deadlinePassed);
                var pending = new Deployment(deploymentId, target.env(), target.serviceName(), push.pushId(),
                        ImageRef.of(push), DeploymentStatus.PENDING, null, null, null, null, push.pushedAt(), now,
                        now, null);
                yield carryOut(target, push, pending, facts.state());
            }
            case DeployDecision.Resume r -> carryOut(target, push, r.pending(), facts.state());
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
            // The retry finds the service free instead of waiting for the lease to expire.
            LeaseWrites.giveBack(ledger, leased, failure);
            throw failure;
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
