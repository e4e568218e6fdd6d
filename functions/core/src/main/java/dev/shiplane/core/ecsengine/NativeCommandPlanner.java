package dev.shiplane.core.ecsengine;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.events.RolloutCommand;
import java.util.Optional;

/**
 * Decides an operator's request about a service on ECS's engine from its active deployment. Pure. ECS moves the
 * traffic on its own schedule, so {@code promote} means "approved" and only answers an approval ECS waits for;
 * {@code abort} refuses that approval, or stops the deployment under way; both end with ECS's rollback.
 */
public final class NativeCommandPlanner {

    private NativeCommandPlanner() {}

    public static NativeCommand plan(RolloutCommand.Kind kind, Optional<Deployment> active) {
        if (active.isEmpty() || active.get().status() != DeploymentStatus.STARTED) {
            return new NativeCommand.Ignore("no deployment by shiplane is under way"
                    + active.map(d -> " (" + d.deploymentId() + " is " + d.status().code() + ")").orElse(""));
        }
        var deployment = active.get();
        var approval = deployment.approval();
        return switch (kind) {
            case PROMOTE -> approval != null ? new NativeCommand.Approve(deployment, approval)
                    : new NativeCommand.Ignore(deployment.deploymentId() + " waits for no approval: ECS's engine"
                            + " shifts its traffic on its own schedule");
            case ABORT -> approval != null ? new NativeCommand.Refuse(deployment, approval)
                    : new NativeCommand.Stop(deployment);
            case PAUSE, RESUME -> new NativeCommand.Ignore("ECS's engine pauses only at an approval hook ("
                    + kind.code() + " is for the shiplane engine)");
        };
    }
}
