package dev.shiplane.core.ledger;

import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.canary.Rollout;
import dev.shiplane.core.canary.RolloutPhase;

/**
 * The revision a service's head names as stable once a path has run: the one ECS then runs — the service's current
 * revision, or a two-service app's live colour's. Pure; every path that ends or undoes a deployment asks here, so
 * {@code shiplane status} and a rollback's next target never name a revision ECS has left.
 */
public final class StableRevision {

    private StableRevision() {}

    /**
     * ECS reported the end of a one-service deployment (rolling, a restart, or one ECS's engine ran). A rolling
     * deployment ECS reports failed leaves the stable revision as it was: the rollback function restores it (an ECS
     * failure is a rollback trigger), and until then nothing shiplane calls good runs.
     */
    public static String afterCompletion(String stable, Deployment finished, boolean ecsEngine) {
        return switch (finished.status()) {
            case SUCCEEDED -> finished.toTaskDefinition();
            // ECS's engine put the service back on the revision it ran before the deployment.
            case ROLLED_BACK -> ecsEngine && finished.fromTaskDefinition() != null ? finished.fromTaskDefinition()
                    : stable;
            default -> stable;
        };
    }

    /**
     * A progressive rollout ended. Promotion makes the new colour live; every other end (abort, rollback, failure,
     * supersede) leaves traffic on the live colour, which runs the revision the rollout started from — the stable
     * revision even for a service's first rollout, when the head had none yet.
     */
    public static String afterRollout(String stable, Rollout ended) {
        if (ended.phase() == RolloutPhase.PROMOTED) return ended.canaryTaskDefinition();
        return ended.stableTaskDefinition() != null ? ended.stableTaskDefinition() : stable;
    }

    /**
     * The image of {@code stable} as the ledger knows it: that of the newest deployment that put the revision on ECS
     * (registered it, or restarted it — a restart reads the image from the task definition). Empty for a revision
     * no deployment ran, such as the one running before shiplane, until something restarts it.
     *
     * @param history the service's deployments, newest first
     */
    public static java.util.Optional<ImageRef> imageOf(String stable, java.util.List<Deployment> history) {
        if (stable == null) return java.util.Optional.empty();
        return history.stream()
                .filter(d -> stable.equals(d.toTaskDefinition()) && d.image() != null
                        && !"unknown".equals(d.image().repository()))
                .map(Deployment::image).findFirst();
    }

    /** A restore pointed the serving service (or a two-service app's live colour) at a known-good revision. */
    public static String afterRestore(KnownGood restored) {
        return restored.taskDefinition();
    }
}
