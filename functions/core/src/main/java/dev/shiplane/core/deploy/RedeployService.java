package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentId;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.LeaseWrites;
import dev.shiplane.core.ledger.ServiceBusyException;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.events.DeploymentSkipped;
import dev.shiplane.core.events.DeploymentStarted;
import dev.shiplane.core.events.RedeployRequested;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.ledger.Ledger;
import dev.shiplane.core.rollout.ServiceRollouts;
import dev.shiplane.core.canary.Colour;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Use case: restart a service on its current revision (after a secret rotation, or on request), through the deploy
 * path: it takes the service lease, is recorded in the ledger as a deployment, and ECS's completion event closes it
 * like any other. A request already handled (same request id) is a duplicate.
 */
public final class RedeployService {

    private final ShiplaneConfig config;
    private final TaskDefinitions taskDefinitions;
    private final ServiceRollouts ecs;
    private final Ledger ledger;
    private final EventBus bus;
    private final Clock clock;
    private final Duration leaseTtl;

    public RedeployService(ShiplaneConfig config, TaskDefinitions taskDefinitions, ServiceRollouts ecs, Ledger ledger,
                           EventBus bus, Clock clock, Duration leaseTtl) {
        this.config = config;
        this.taskDefinitions = taskDefinitions;
        this.ecs = ecs;
        this.ledger = ledger;
        this.bus = bus;
        this.clock = clock;
        this.leaseTtl = leaseTtl;
    }

    public RequestedDeployOutcome redeploy(RedeployRequested request) {
        var target = config.target(request.env(), request.service());
        if (target.isEmpty()) {
            return new RequestedDeployOutcome.Ignored(request.service() + " does not run in " + request.env());
        }
        var t = target.get();
        var now = clock.instant();
        var deploymentId = DeploymentId.of("redeploy:" + request.requestId(), t.env(), t.serviceName());
        var state = ledger.serviceState(t.env(), t.serviceName());
        // A PENDING record is a restart that never reached ECS (refused, or the invocation died before the call):
        // the retry of the same request carries it out instead of calling it a duplicate.
        if (ledger.deployment(t.env(), t.serviceName(), deploymentId)
                .filter(d -> d.status() != DeploymentStatus.PENDING).isPresent()) {
            bus.publish(new DeploymentSkipped(t.env(), t.serviceName(), deploymentId, request.requestId(), null,
                    SkipReason.DUPLICATE.code(), "redeploy " + request.requestId() + " was already handled", now));
            return new RequestedDeployOutcome.Skipped(SkipReason.DUPLICATE);
        }
        if (state.leased(now)) {
            throw new ServiceBusyException(t.env() + "/" + t.serviceName() + " is being changed; retry the redeploy");
        }
        var ecsService = liveService(t, state);
        var revision = taskDefinitions.currentOf(t.cluster(), ecsService);
        var active = state.activeDeploymentId() == null ? java.util.Optional.<Deployment>empty()
                : ledger.deployment(t.env(), t.serviceName(), state.activeDeploymentId());
        // The ledger knows the image if the running revision is the one the active deployment registered; any other
        // (the bootstrap revision, one a rollback restored) is read from the task definition: one call, on restarts
        // only.
        var image = active.filter(d -> revision.equals(d.toTaskDefinition())).map(Deployment::image)
                .orElseGet(() -> ImageRef.fromUri(taskDefinitions.imageOf(revision, t.service().container())));
        var pending = new Deployment(deploymentId, t.env(), t.serviceName(), request.requestId(), image,
                DeploymentStatus.PENDING, null, revision, revision, null, now, now, now, request.reason());
        var leased = state.leasedTo(deploymentId, now.plus(leaseTtl));
        LeaseWrites.take(ledger, leased, () -> ledger.commit(List.of(pending), leased, state.version()));
        String ecsId;
        try {
            ecsId = ecs.restart(t.cluster(), ecsService);
        } catch (RuntimeException failure) {
            LeaseWrites.giveBack(ledger, leased, failure);
            throw failure;
        }
        var started = pending.rolling(ecsId, clock.instant());
        List<Deployment> writes = new java.util.ArrayList<>(List.of(started));
        // An earlier restart still rolling is replaced by this one, as ECS replaces its deployment.
        active.filter(d -> d.status() == DeploymentStatus.STARTED
                        && d.fromTaskDefinition() != null && d.fromTaskDefinition().equals(d.toTaskDefinition()))
                .ifPresent(d -> writes.add(d.withStatus(DeploymentStatus.SUPERSEDED, "replaced by " + deploymentId,
                        now)));
        ledger.commit(writes, leased.activated(deploymentId, ecsId).withBaseline(revision, now), leased.version());
        bus.publish(new DeploymentStarted(t.env(), t.serviceName(), deploymentId, request.requestId(), started.image(),
                t.cluster(), ecsService, "redeploy", revision, revision, started.updatedAt()));
        ledger.save(started.announcedNow());
        return new RequestedDeployOutcome.Restarted(deploymentId, ecsService, request.requestedBy());
    }

    private static String liveService(Target t, ServiceState state) {
        if (!t.service().twoColours()) return t.ecsService();
        var names = t.service().colours(t.environment());
        return state.liveColour() == Colour.BLUE ? names.blueService() : names.greenService();
    }
}
