package dev.shiplane.core.canary;

import dev.shiplane.core.events.DomainEvent;
import java.time.Instant;

/**
 * An effect of a transition, carried out after the new state is committed. Every action is idempotent, so a
 * transition interrupted part-way is finished by running its actions again.
 */
public sealed interface RolloutAction {

    /** Listener rule weights: {@code canaryWeight} to the canary colour's target group, the rest to the other. */
    record SetWeights(Colour canary, int canaryWeight) implements RolloutAction {}

    /** ECS desired count of one colour's service. */
    record ScaleService(Colour colour, int desiredCount) implements RolloutAction {}

    /** A one-shot schedule that emits {@code Canary Step Due} for {@code step} at {@code at}. */
    record ScheduleStep(int step, Instant at) implements RolloutAction {}

    /** Deletes the schedule of {@code step} if it has not fired. */
    record CancelStep(int step) implements RolloutAction {}

    record Publish(DomainEvent event) implements RolloutAction {}

    /** Points an ECS service at a revision (a rollback to the last known-good one). */
    record RollService(String ecsService, String taskDefinition) implements RolloutAction {}

    /** Any other one-shot schedule, e.g. the promotion of a deployment to the next environment. */
    record ScheduleEvent(String name, Instant at, DomainEvent event) implements RolloutAction {}
}
