package dev.shiplane.core.revisions;

import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.events.DeploymentSucceeded;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.Ledger;
import java.time.Clock;
import java.util.Optional;

/**
 * Use case: a deployment succeeded, so its service's task-definition family may hold more of shiplane's revisions
 * than it keeps ({@code keepRevisions}, default 5). Reads the ledger head and what ECS runs, asks
 * {@link RevisionCleanup}, and deregisters what it names. It runs on the {@code Deployment Succeeded} event, after
 * the deployment has been recorded and announced, so a failure here never fails a deployment; the invocation fails
 * and is retried, and the next success of the service cleans what this one left. Repeating it is harmless: a
 * deregistered revision is no longer ACTIVE, so a redelivered event finds less or nothing to do.
 */
public final class RevisionCleanupService {

    private final ShiplaneConfig config;
    private final Ledger ledger;
    private final FamilyRevisions revisions;
    private final Clock clock;

    public RevisionCleanupService(ShiplaneConfig config, Ledger ledger, FamilyRevisions revisions, Clock clock) {
        this.config = config;
        this.ledger = ledger;
        this.revisions = revisions;
        this.clock = clock;
    }

    public RevisionCleanupOutcome onSucceeded(DeploymentSucceeded succeeded) {
        var target = config.target(succeeded.env(), succeeded.service());
        if (target.isEmpty()) {
            return new RevisionCleanupOutcome.Ignored(succeeded.service() + " does not run in " + succeeded.env());
        }
        if (succeeded.taskDefinition() == null) {
            return new RevisionCleanupOutcome.Ignored("the deployment names no revision");
        }
        var t = target.get();
        var state = ledger.serviceState(t.env(), t.serviceName());
        // A holder of the lease may have registered a revision the head does not name yet, and pending actions may
        // move a colour to a revision: both are left alone, and the service's next success cleans.
        if (state.leased(clock.instant())) {
            return new RevisionCleanupOutcome.Ignored(t.env() + "/" + t.serviceName() + " is being changed");
        }
        if (!state.pending().isEmpty()) {
            return new RevisionCleanupOutcome.Ignored(t.env() + "/" + t.serviceName() + " has actions pending");
        }
        var active = state.activeDeploymentId() == null ? Optional.<Deployment>empty()
                : ledger.deployment(t.env(), t.serviceName(), state.activeDeploymentId());
        var running = revisions.runByEcs(t.cluster(), t.service().ecsServicesIn(t.environment()));
        var protectedRevisions = ProtectedRevisions.of(state, active, running);
        var family = FamilyRevision.familyOf(succeeded.taskDefinition());
        var decision = RevisionCleanup.decide(revisions.activeNewestFirst(family), t.service().keepRevisions(),
                protectedRevisions);
        return switch (decision) {
            case CleanupDecision.NothingToDeregister nothing ->
                    new RevisionCleanupOutcome.NothingToDeregister(family, nothing.why());
            case CleanupDecision.Deregister deregister -> {
                deregister.revisions().forEach(r -> revisions.deregister(r.taskDefinitionArn()));
                yield new RevisionCleanupOutcome.Deregistered(family,
                        deregister.revisions().stream().map(FamilyRevision::taskDefinitionArn).toList());
            }
        };
    }
}
