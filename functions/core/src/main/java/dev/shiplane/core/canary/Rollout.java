package dev.shiplane.core.canary;

import dev.shiplane.core.image.ImageRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The state of one progressive rollout, kept in the service's ledger head and changed only through
 * {@link CanaryMachine}.
 *
 * @param deploymentId         the deployment this rollout carries out
 * @param image                the image the new colour runs
 * @param steps                canary weights, ending at 100
 * @param bake                 time each step bakes before its alarm check
 * @param stepIndex            index into {@code steps} of the weight now applied; -1 before the first shift
 * @param paused               an operator paused it: due steps are ignored until it is resumed
 * @param canaryColour         the colour running the new revision
 * @param canaryTaskDefinition the new revision
 * @param stableTaskDefinition the revision of the live colour, which gets all traffic back on abort or rollback
 * @param canaryEcsDeploymentId ECS's deployment id of the new colour, whose completion means healthy
 * @param reason               why it ended, for final phases
 * @param checks               the health and smoke checks around the traffic shift, and those passed so far
 * @param pushedAt             when the registry accepted the image's push, which {@code Deployment Succeeded} carries
 *                             (lead time runs from it); {@code null} for rollouts stored before it was kept
 */
public record Rollout(String deploymentId, ImageRef image, RolloutPhase phase, List<Integer> steps, Duration bake, int stepIndex,
                      boolean paused, Colour canaryColour, String canaryTaskDefinition, String stableTaskDefinition,
                      String canaryEcsDeploymentId, Routing routing, String reason, Instant startedAt,
                      Instant updatedAt, RolloutChecks checks, Instant pushedAt) {

    public Rollout {
        steps = List.copyOf(steps);
        // Rollouts stored before checks existed read back without them.
        checks = checks == null ? RolloutChecks.NONE : checks;
    }

    /** Without health or smoke checks, nor the push time. */
    public Rollout(String deploymentId, ImageRef image, RolloutPhase phase, List<Integer> steps, Duration bake,
                   int stepIndex, boolean paused, Colour canaryColour, String canaryTaskDefinition,
                   String stableTaskDefinition, String canaryEcsDeploymentId, Routing routing, String reason,
                   Instant startedAt, Instant updatedAt) {
        this(deploymentId, image, phase, steps, bake, stepIndex, paused, canaryColour, canaryTaskDefinition,
                stableTaskDefinition, canaryEcsDeploymentId, routing, reason, startedAt, updatedAt, RolloutChecks.NONE,
                null);
    }

    public static Rollout waiting(String deploymentId, ImageRef image, Instant pushedAt, List<Integer> steps,
                                  Duration bake, Colour canaryColour, String canaryTaskDefinition,
                                  String stableTaskDefinition, String ecsDeploymentId, Routing routing, Instant now) {
        return new Rollout(deploymentId, image, RolloutPhase.WAITING_FOR_HEALTHY, steps, bake, -1, false, canaryColour,
                canaryTaskDefinition, stableTaskDefinition, ecsDeploymentId, routing, null, now, now, RolloutChecks.NONE,
                pushedAt);
    }

    public Rollout withChecks(RolloutChecks nextChecks) {
        return new Rollout(deploymentId, image, phase, steps, bake, stepIndex, paused, canaryColour,
                canaryTaskDefinition, stableTaskDefinition, canaryEcsDeploymentId, routing, reason, startedAt, updatedAt,
                nextChecks, pushedAt);
    }

    /** Percent of traffic the new colour receives in this state. */
    public int canaryWeight() {
        return switch (phase) {
            case SHIFTING -> steps.get(stepIndex);
            case POST_PROMOTION_CHECKS, PROMOTED -> 100;
            default -> 0;
        };
    }

    public Colour stableColour() {
        return canaryColour.other();
    }

    /** Steps are numbered from 1 for people; step {@code steps.size() + 1} is the final check before promotion. */
    public int nextStep() {
        return stepIndex + 2;
    }

    Rollout at(RolloutPhase nextPhase, int nextIndex, boolean nextPaused, String why, Instant now) {
        return new Rollout(deploymentId, image, nextPhase, steps, bake, nextIndex, nextPaused, canaryColour,
                canaryTaskDefinition, stableTaskDefinition, canaryEcsDeploymentId, routing, why, startedAt, now,
                nextPhase == phase ? checks : checks.cleared(), pushedAt);
    }
}
