package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.events.DeploymentBlocked;
import dev.shiplane.core.events.DeploymentFailed;
import dev.shiplane.core.gate.ScanGate;
import dev.shiplane.core.events.DeploymentStarted;
import dev.shiplane.core.events.DeploymentSucceeded;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.ledger.Ledger;
import java.time.Duration;
import java.util.Optional;

/**
 * Publishes the event for a deployment's current status and then marks it announced. Publishing before marking
 * means a crash in between repeats the event on the next delivery rather than losing it.
 */
public final class DeploymentAnnouncements {

    private final EventBus bus;
    private final Ledger ledger;

    public DeploymentAnnouncements(EventBus bus, Ledger ledger) {
        this.bus = bus;
        this.ledger = ledger;
    }

    /** @param ecsService the ECS service the deployment updated (a progressive service's canary colour) */
    public void announce(Deployment deployment, Target target, String ecsService) {
        eventFor(deployment, target, ecsService).ifPresent(bus::publish);
        ledger.save(deployment.announcedNow());
    }

    static Optional<DomainEvent> eventFor(Deployment d, Target target, String ecsService) {
        return switch (d.status()) {
            case STARTED -> Optional.of(new DeploymentStarted(d.env(), d.service(), d.deploymentId(), d.pushId(),
                    d.image(), target.cluster(), ecsService, target.service().strategy().code(),
                    d.fromTaskDefinition(), d.toTaskDefinition(), d.updatedAt()));
            case SUCCEEDED -> Optional.of(new DeploymentSucceeded(d.env(), d.service(), d.deploymentId(), d.image(),
                    d.toTaskDefinition(), d.createdAt(), d.updatedAt(),
                    Duration.between(d.createdAt(), d.updatedAt()).toSeconds(), d.pushedAt()));
            case FAILED -> Optional.of(new DeploymentFailed(d.env(), d.service(), d.deploymentId(), d.image(),
                    d.toTaskDefinition(), d.reason(), d.updatedAt()));
            // Rollout endings publish their own events (Deployment Aborted / Rolled Back) as transition actions.
            case BLOCKED -> Optional.of(new DeploymentBlocked(d.env(), d.service(), d.deploymentId(), d.pushId(),
                    d.image(), ScanGate.NAME, d.reason(), d.updatedAt()));
            case PENDING, AWAITING_SCAN, SUPERSEDED, ABORTED, ROLLED_BACK -> Optional.empty();
        };
    }
}
