package dev.shiplane.sandbox.ecsengine;

import java.util.ArrayList;
import java.util.List;

/**
 * What ECS's engine does in a service deployment, from its configuration, as AWS's developer guide describes the
 * lifecycle stages ("Lifecycle hooks for Amazon ECS service deployments", the canary, linear and blue/green
 * deployment pages). Pure: the controller carries the steps out.
 */
final class EnginePlan {

    private EnginePlan() {}

    /**
     * The stages in order, each stage's hooks after what the stage does. Production traffic moves in the strategy's
     * shifts, each followed by the PRODUCTION_TRAFFIC_SHIFT hooks (so a hook there sees every shift) and each partial
     * shift by its bake. PRE_PRODUCTION_TRAFFIC_SHIFT is a hook stage only: the deployment's lifecycleStage stays
     * POST_TEST_TRAFFIC_SHIFT while its hooks (an approval's pause) run.
     */
    static List<EngineStep> forward(NativeConfiguration c) {
        List<EngineStep> steps = new ArrayList<>();
        stage(steps, c, "RECONCILE_SERVICE");
        stage(steps, c, "PRE_SCALE_UP");
        stage(steps, c, "SCALE_UP");
        stage(steps, c, "POST_SCALE_UP");
        steps.add(new EngineStep.EnterStage("TEST_TRAFFIC_SHIFT"));
        steps.add(new EngineStep.ShiftTestTraffic(100));
        hooks(steps, c, "TEST_TRAFFIC_SHIFT");
        stage(steps, c, "POST_TEST_TRAFFIC_SHIFT");
        hooks(steps, c, "PRE_PRODUCTION_TRAFFIC_SHIFT");
        steps.add(new EngineStep.EnterStage("PRODUCTION_TRAFFIC_SHIFT"));
        for (double share : shares(c)) {
            steps.add(new EngineStep.ShiftProductionTraffic(share));
            hooks(steps, c, "PRODUCTION_TRAFFIC_SHIFT");
            if (share < 100 && !c.shiftBake().isZero()) steps.add(new EngineStep.Bake(c.shiftBake()));
        }
        stage(steps, c, "POST_PRODUCTION_TRAFFIC_SHIFT");
        steps.add(new EngineStep.EnterStage("BAKE_TIME"));
        if (!c.bake().isZero()) steps.add(new EngineStep.Bake(c.bake()));
        steps.add(new EngineStep.EnterStage("CLEAN_UP"));
        steps.add(new EngineStep.Finish());
        return steps;
    }

    /**
     * A rollback: production traffic back to the source revision, then test traffic; ECS runs the hooks of these two
     * stages again on the way ("When a rollback happens, Amazon ECS runs lifecycle hooks for PRODUCTION_TRAFFIC_SHIFT
     * and TEST_TRAFFIC_SHIFT").
     */
    static List<EngineStep> rollback(NativeConfiguration c) {
        List<EngineStep> steps = new ArrayList<>();
        steps.add(new EngineStep.EnterStage("PRODUCTION_TRAFFIC_SHIFT"));
        steps.add(new EngineStep.ShiftProductionTraffic(0));
        hooks(steps, c, "PRODUCTION_TRAFFIC_SHIFT");
        steps.add(new EngineStep.EnterStage("TEST_TRAFFIC_SHIFT"));
        steps.add(new EngineStep.ShiftTestTraffic(0));
        hooks(steps, c, "TEST_TRAFFIC_SHIFT");
        steps.add(new EngineStep.EnterStage("CLEAN_UP"));
        steps.add(new EngineStep.Finish());
        return steps;
    }

    /** The production shares the strategy moves through: CANARY P then 100, LINEAR P, 2P, … 100, BLUE_GREEN 100. */
    static List<Double> shares(NativeConfiguration c) {
        List<Double> shares = new ArrayList<>();
        if (!c.strategy().equals("BLUE_GREEN")) {
            double step = c.strategy().equals("CANARY") ? 100 : c.shiftPercent();
            for (double share = c.shiftPercent(); share < 100; share += step) {
                shares.add(share);
            }
        }
        shares.add(100.0);
        return shares;
    }

    private static void stage(List<EngineStep> steps, NativeConfiguration c, String stage) {
        steps.add(new EngineStep.EnterStage(stage));
        hooks(steps, c, stage);
    }

    private static void hooks(List<EngineStep> steps, NativeConfiguration c, String stage) {
        c.hooksAt(stage).forEach(h -> steps.add(new EngineStep.RunHook(stage, h)));
    }
}
