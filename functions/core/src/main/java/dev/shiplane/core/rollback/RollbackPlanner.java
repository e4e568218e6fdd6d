package dev.shiplane.core.rollback;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.canary.Signal;
import java.util.Optional;

/**
 * Decides a rollback from the service's ledger head and its active deployment. Pure.
 *
 * <ul>
 *   <li>During a rollout, the rollout's own machine rolls back: traffic returns to the live colour in one call.</li>
 *   <li>Otherwise the service goes back to the newest known-good revision other than the active one — a revision
 *       that completed and stayed alarm-free for its bake, or the one running before shiplane — never a guess at
 *       "the previous revision". None known → fail loudly.</li>
 *   <li>A restart brought no new image: it goes back to the revision it restarted (the same release), if that one is
 *       known-good, else fails loudly — never to an older release.</li>
 *   <li>An alarm rolls back only a deployment still in its bake: once verified, an alarm is more likely something
 *       else (a database, a dependency) than this revision, and going back would not help; operators can still
 *       roll back by hand.</li>
 *   <li>Events that no longer match (stale ECS ids, an alarm flapping back to ALARM after a rollback, the same event
 *       delivered again) change nothing.</li>
 * </ul>
 */
public final class RollbackPlanner {

    private RollbackPlanner() {}

    /**
     * Whether {@link #plan} needs the active deployment: not while a rollout is in progress (its own machine rolls
     * back from the head alone, so a canary's rollback spends no read on it), nor when there is none.
     */
    public static boolean readsActiveDeployment(ServiceState state) {
        return state.activeDeploymentId() != null && !rolloutInProgress(state);
    }

    private static boolean rolloutInProgress(ServiceState state) {
        return state.rollout() != null && state.rollout().phase().active();
    }

    public static RollbackDecision plan(ServiceState state, Optional<Deployment> active, RollbackTrigger trigger) {
        return plan(state, active, trigger, false);
    }

    /**
     * @param ecsEngine the service runs on ECS's engine, which rolls back its own deployment on a failure or on one of
     *                  its alarms while it runs; shiplane rolls back only what ECS has finished, or when asked to
     */
    public static RollbackDecision plan(ServiceState state, Optional<Deployment> active, RollbackTrigger trigger,
                                        boolean ecsEngine) {
        if (ecsEngine) {
            var leftToEcs = leftToEcs(active, trigger);
            if (leftToEcs != null) return leftToEcs;
        }
        if (rolloutInProgress(state)) {
            return switch (trigger) {
                case RollbackTrigger.Alarm a -> new RollbackDecision.RollbackRollout(
                        new Signal.AlarmFired(a.id(), a.alarmName(), a.reason(), a.alarmAt()));
                case RollbackTrigger.EcsFailure f -> new RollbackDecision.RollbackRollout(
                        new Signal.CanaryFailed(f.id(), f.ecsDeploymentId(), f.reason()));
                case RollbackTrigger.Manual m -> new RollbackDecision.RollbackRollout(
                        new Signal.RollbackRequested(m.id(), m.requestedBy(), m.reason()));
            };
        }
        if (active.isEmpty()) {
            return trigger instanceof RollbackTrigger.Manual
                    ? new RollbackDecision.Fail("shiplane has not deployed " + state.env() + "/" + state.service())
                    : new RollbackDecision.Ignore("no deployment by shiplane is running in " + state.env() + "/"
                            + state.service());
        }
        var deployment = active.get();
        if (trigger instanceof RollbackTrigger.EcsFailure f && !f.ecsDeploymentId().equals(state.activeEcsDeploymentId())) {
            return new RollbackDecision.Ignore("ECS deployment " + f.ecsDeploymentId()
                    + " is not the one shiplane started last");
        }
        if (deployment.status() == DeploymentStatus.ROLLED_BACK) {
            return new RollbackDecision.Ignore(deployment.deploymentId() + " is already rolled back");
        }
        if (deployment.status() != DeploymentStatus.STARTED && deployment.status() != DeploymentStatus.SUCCEEDED) {
            return new RollbackDecision.Ignore(deployment.deploymentId() + " is " + deployment.status().code());
        }
        if (trigger instanceof RollbackTrigger.Alarm && state.verified(deployment.deploymentId())) {
            return new RollbackDecision.Ignore(deployment.deploymentId() + " was verified after its bake; an alarm"
                    + " now does not roll it back (roll back by hand if it should)");
        }
        var reason = switch (trigger) {
            case RollbackTrigger.Alarm a -> a.alarmName() + ": " + a.reason();
            case RollbackTrigger.EcsFailure f -> f.reason();
            case RollbackTrigger.Manual m -> m.reason() == null || m.reason().isBlank()
                    ? "rollback requested by " + m.requestedBy() : m.reason();
        };
        if (deployment.restart()) return restoreRestarted(state, deployment, reason);
        return state.knownGoodBefore(deployment.deploymentId(), deployment.toTaskDefinition())
                .<RollbackDecision>map(good -> new RollbackDecision.Restore(deployment, good, reason))
                .orElseGet(() -> new RollbackDecision.Fail("no known-good revision of " + state.env() + "/"
                        + state.service() + " to return to (" + reason + ")"));
    }

    /**
     * A restart (a redeploy after a rotation, an operator's redeploy) brought no new image: it re-ran the revision the
     * service was running. Going back to the known-good revision before that one would change the release behind the
     * operator's back, so a restart returns to the revision it restarted when that one is known-good, and is refused
     * otherwise: an older release is deployed explicitly.
     */
    private static RollbackDecision restoreRestarted(ServiceState state, Deployment restart, String reason) {
        return state.knownGood().stream().filter(k -> k.taskDefinition().equals(restart.toTaskDefinition()))
                .findFirst()
                .<RollbackDecision>map(restarted -> new RollbackDecision.Restore(restart, restarted, reason))
                .orElseGet(() -> new RollbackDecision.Fail(restart.deploymentId() + " restarted "
                        + restart.toTaskDefinition() + ", which is not known-good; a restart is rolled back only to the"
                        + " revision it restarted, so nothing older is restored (deploy an older release explicitly) ("
                        + reason + ")"));
    }

    private static RollbackDecision leftToEcs(Optional<Deployment> active, RollbackTrigger trigger) {
        return switch (trigger) {
            case RollbackTrigger.EcsFailure f -> new RollbackDecision.Ignore("ECS's engine rolled back its own"
                    + " deployment " + f.ecsDeploymentId());
            case RollbackTrigger.Alarm a when active.isPresent()
                    && active.get().status() == DeploymentStatus.STARTED -> new RollbackDecision.Ignore(a.alarmName()
                    + " is one of ECS's alarms while its deployment " + active.get().deploymentId()
                    + " runs: ECS rolls it back");
            default -> null;
        };
    }
}
