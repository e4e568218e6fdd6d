package dev.shiplane.core.rollout;

import java.util.List;

/** A rollout's next state, the actions that bring AWS in line with it, and one line saying what happened. */
public record Transition(Rollout rollout, List<RolloutAction> actions, String outcome) {

    public Transition {
        actions = List.copyOf(actions);
    }

    public boolean changes() {
        return !actions.isEmpty();
    }
}
