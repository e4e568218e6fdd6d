package dev.shiplane.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How traffic moves to a new colour: the canary weights in order, and how long each one bakes (alarms watched)
 * before the next. The last step is always 100; after it has baked the new colour is promoted.
 *
 * @param steps canary weights in percent, strictly increasing, ending at 100
 * @param bake  time at each step before its alarm check
 */
public record TrafficPlan(List<Integer> steps, Duration bake) {

    public static final List<Integer> DEFAULT_CANARY_STEPS = List.of(10, 25, 50, 100);
    public static final Duration DEFAULT_BAKE = Duration.ofMinutes(5);

    public TrafficPlan {
        steps = List.copyOf(steps);
        var problem = problem(steps, bake);
        if (problem != null) throw new IllegalArgumentException(problem);
    }

    /** Linear: {@code increment} percent every {@code every}, e.g. 10 every minute → 10, 20, … 100. */
    public static TrafficPlan linear(int increment, Duration every) {
        if (increment < 1 || increment > 100) {
            throw new IllegalArgumentException("linear.increment: " + increment + " is outside 1..100");
        }
        List<Integer> steps = new ArrayList<>();
        for (int w = increment; w < 100; w += increment) steps.add(w);
        steps.add(100);
        return new TrafficPlan(steps, every);
    }

    public static TrafficPlan allAtOnce(Duration bake) {
        return new TrafficPlan(List.of(100), bake);
    }

    /** Why these steps cannot be a plan, or {@code null}. */
    public static String problem(List<Integer> steps, Duration bake) {
        if (steps.isEmpty()) return "steps: at least one step is required";
        for (int i = 0; i < steps.size(); i++) {
            int w = steps.get(i);
            if (w < 1 || w > 100) return "steps: " + w + " is outside 1..100";
            if (i > 0 && w <= steps.get(i - 1)) return "steps: must increase (" + steps.get(i - 1) + " then " + w + ")";
        }
        if (steps.getLast() != 100) return "steps: the last step must be 100 (found " + steps.getLast() + ")";
        if (bake == null || bake.isNegative()) return "bake: must be a duration of zero or more";
        return null;
    }
}
