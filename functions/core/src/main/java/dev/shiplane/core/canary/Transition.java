package dev.shiplane.core.canary;

import java.util.List;

/** A rollout's next state, the actions that bring AWS in line with it, and what happened. */
public record Transition(Rollout rollout, List<RolloutAction> actions, RolloutOutcome outcome) {

    public Transition {
        actions = List.copyOf(actions);
    }

    public boolean changes() {
        return !actions.isEmpty();
    }
}
