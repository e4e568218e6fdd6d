package dev.shiplane.core.deploy;

import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.config.TargetResolver;
import dev.shiplane.core.events.DeploymentSkipped;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.ports.EventBus;
import dev.shiplane.core.ports.Ledger;
import dev.shiplane.core.ports.ServiceRollouts;
import dev.shiplane.core.ports.TaskDefinitions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Use case: an image was pushed; deploy it to every service and environment that takes it.
 *
 * <p>Per target: decide from a ledger snapshot ({@link DeployPlanner}), take the service lease with a conditional
 * write, register the new revision, point the service at it, then release the lease and activate the deployment
 * in one conditional write, and announce it. Each step is recorded before the next, so a retried event resumes
 * where a crashed invocation stopped instead of registering or deploying twice.
 */
public final class DeployService {

    public static final String LABEL_TAG = "shiplane.image.tag";
    public static final String LABEL_DEPLOYMENT = "shiplane.deployment-id";

    private final ShiplaneConfig config;
    private final TaskDefinitions taskDefinitions;
    private final ServiceRollouts rollouts;
    private final Ledger ledger;
    private final EventBus bus;
    private final DeploymentAnnouncements announcements;
    private final Clock clock;
    private final Duration leaseTtl;

    public DeployService(ShiplaneConfig config, TaskDefinitions taskDefinitions, ServiceRollouts rollouts,
                         Ledger ledger, EventBus bus, Clock clock, Duration leaseTtl) {
        this.config = config;
        this.taskDefinitions = taskDefinitions;
        this.rollouts = rollouts;
        this.ledger = ledger;
        this.bus = bus;
        this.announcements = new DeploymentAnnouncements(bus, ledger);
        this.clock = clock;
        this.leaseTtl = leaseTtl;
    }

    public List<TargetOutcome> deploy(ImagePush push) {
        var targets = TargetResolver.resolve(config, push);
        if (targets.isEmpty()) {
            bus.publish(new DeploymentSkipped(null, null, null, push.pushId(), ImageRef.of(push),
                    SkipReason.UNKNOWN_REPOSITORY.code(), "no service in shiplane.yml takes images from '"
                            + push.source() + "'", clock.instant()));
            return List.of(new TargetOutcome(null, null, null, "skipped:" + SkipReason.UNKNOWN_REPOSITORY.code()));
        }
        List<TargetOutcome> outcomes = new ArrayList<>();
        Map<String, String> busy = new LinkedHashMap<>();
        for (var target : targets) {
            var outcome = deployTo(target, push);
            outcomes.add(outcome);
            if (outcome.result().startsWith("busy:")) {
                busy.put(target.env() + "/" + target.serviceName(), outcome.result().substring(5));
            }
        }
        if (!busy.isEmpty()) {
            throw new ServiceBusyException("retry later, services busy: " + busy);
        }
        return outcomes;
    }

    private TargetOutcome deployTo(Target target, ImagePush push) {
        var now = clock.instant();
        var deploymentId = DeploymentId.of(push.pushId(), target.env(), target.serviceName());
        var state = ledger.serviceState(target.env(), target.serviceName());
        var existing = ledger.deployment(target.env(), target.serviceName(), deploymentId);
        var verdict = target.environment().tagPolicy().admits(push.tag());
        var decision = DeployPlanner.decide(push, verdict, deploymentId, existing, state, now);
        return switch (decision) {
            case DeployDecision.Skip skip -> skip(target, push, deploymentId, skip);
            case DeployDecision.Busy b -> outcome(target, deploymentId, "busy:" + b.why());
            case DeployDecision.Announce a -> {
                announcements.announce(a.deployment(), target);
                yield outcome(target, deploymentId, "announced");
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
        ledger.commit(List.of(pending), leased, state.version());
        try {
            var deployment = pending;
            if (deployment.toTaskDefinition() == null) {
                var from = taskDefinitions.currentOf(target.cluster(), target.ecsService());
                var labels = new LinkedHashMap<String, String>();
                if (push.tag() != null) labels.put(LABEL_TAG, push.tag());
                labels.put(LABEL_DEPLOYMENT, deployment.deploymentId());
                var to = taskDefinitions.registerWithImage(from, target.service().container(), push.pinnedUri(),
                        labels);
                deployment = deployment.registered(from, to, clock.instant());
                ledger.save(deployment);
            }
            var ecsDeploymentId = rollouts.roll(target.cluster(), target.ecsService(), deployment.toTaskDefinition());
            var started = deployment.rolling(ecsDeploymentId, clock.instant());
            List<Deployment> writes = new ArrayList<>();
            writes.add(started);
            supersededBy(leased, started).ifPresent(writes::add);
            ledger.commit(writes, leased.activated(started.deploymentId(), ecsDeploymentId), leased.version());
            announcements.announce(started, target);
            return outcome(target, started.deploymentId(), "started");
        } catch (RuntimeException failure) {
            releaseLease(leased, failure);
            throw failure;
        }
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
        return outcome(target, deploymentId, "skipped:" + skip.reason().code());
    }

    private static TargetOutcome outcome(Target target, String deploymentId, String result) {
        return new TargetOutcome(target.env(), target.serviceName(), deploymentId, result);
    }
}
