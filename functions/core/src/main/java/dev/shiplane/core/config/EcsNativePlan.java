package dev.shiplane.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's traffic plan as ECS's own engine takes it. ECS shifts one canary percentage then the rest (CANARY),
 * equal steps (LINEAR) or everything at once (BLUE_GREEN); each shift bakes {@code stepBake}, and the full shift bakes
 * {@code bake} before the old revision goes away (a linear service's final bake is its step's). Arbitrary step lists ({@code [10, 25, 50, 100]}) are the shiplane
 * engine's.
 *
 * @param strategy  canary, linear or blue-green
 * @param percent   canary: the canary's share; linear: each step's share; blue-green: 100
 * @param stepBake  canary and linear: how long each shift bakes before the next; blue-green: zero
 * @param bake      after all production traffic has moved, how long both revisions stay (alarms still roll back)
 */
public record EcsNativePlan(Strategy strategy, int percent, Duration stepBake, Duration bake) {

    static final Duration MAX_BAKE = Duration.ofMinutes(1440);

    /** The plan ECS runs for a service's {@link TrafficPlan}; {@link #problems} says first whether it can. */
    public static EcsNativePlan of(Strategy strategy, TrafficPlan traffic) {
        return switch (strategy) {
            case CANARY -> new EcsNativePlan(strategy, traffic.steps().getFirst(), traffic.bake(), traffic.bake());
            case LINEAR -> new EcsNativePlan(strategy, traffic.steps().getFirst(), traffic.bake(), traffic.bake());
            case BLUE_GREEN -> new EcsNativePlan(strategy, 100, Duration.ZERO, traffic.bake());
            case ROLLING -> throw new IllegalArgumentException("ECS's engine runs canary, linear or blue-green");
        };
    }

    public int stepBakeMinutes() {
        return (int) stepBake.toMinutes();
    }

    public int bakeMinutes() {
        return (int) bake.toMinutes();
    }

    /**
     * What ECS would refuse in this service's settings, each naming its field under {@code at}
     * ({@code services.web}); empty when ECS takes them.
     */
    public static List<String> problems(Strategy strategy, TrafficPlan traffic, String at) {
        List<String> problems = new ArrayList<>();
        if (!strategy.progressive()) {
            problems.add(at + ".strategy: engine ecs runs canary, linear or blue-green (rolling needs no engine;"
                    + " leave engine out)");
            return problems;
        }
        if (traffic == null) return problems;
        switch (strategy) {
            case CANARY -> {
                if (traffic.steps().size() != 2) {
                    problems.add(at + ".steps: ECS's canary shifts one percentage, bakes, then shifts the rest: give"
                            + " [P, 100] with P from 1 to 99 (" + traffic.steps() + " needs engine: shiplane)");
                } else if (traffic.steps().getFirst() >= 100) {
                    problems.add(at + ".steps: the canary percentage must be from 1 to 99");
                }
            }
            case LINEAR -> {
                int step = traffic.steps().getFirst();
                if (step < 3) problems.add(at + ".linear.increment: ECS shifts from 3 to 100 percent a step (found "
                        + step + ")");
            }
            default -> { }
        }
        var bakeField = strategy == Strategy.LINEAR ? at + ".linear.every" : at + ".bake";
        addBakeProblem(problems, bakeField, traffic.bake());
        return problems;
    }

    private static void addBakeProblem(List<String> problems, String field, Duration bake) {
        if (bake.toSeconds() % 60 != 0) {
            problems.add(field + ": ECS bakes whole minutes (found " + bake.toSeconds() + "s)");
        } else if (bake.compareTo(MAX_BAKE) > 0) {
            problems.add(field + ": ECS bakes at most 24h (1440 minutes)");
        }
    }
}
