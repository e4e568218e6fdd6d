package dev.shiplane.core.ecsengine;

import dev.shiplane.core.config.EcsNativePlan;
import dev.shiplane.core.config.Engine;
import dev.shiplane.core.config.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * The one source of a native service's {@code deploymentConfiguration}: the stack's {@code AWS::ECS::Service} and every
 * {@code UpdateService} shiplane makes render these same values, so neither undoes the other.
 *
 * @param strategy          {@code CANARY}, {@code LINEAR} or {@code BLUE_GREEN}, as ECS names them
 * @param canaryPercent     CANARY only, else {@code null}
 * @param canaryBakeMinutes CANARY only, else {@code null}
 * @param stepPercent       LINEAR only, else {@code null}
 * @param stepBakeMinutes   LINEAR only, else {@code null}
 * @param bakeMinutes       how long both revisions stay after the full shift
 * @param alarmNames        alarms that make ECS roll the deployment back (empty: no alarm rollback)
 * @param hooks             lifecycle hooks, in the order they are declared
 */
public record NativeDeploymentSettings(String strategy, Double canaryPercent, Integer canaryBakeMinutes,
                                       Double stepPercent, Integer stepBakeMinutes, int bakeMinutes,
                                       List<String> alarmNames, List<Hook> hooks) {

    /**
     * Where shiplane's hooks function decides: before the new revision scales up (freeze, quarantine, scan gate), after
     * test traffic reaches it (pre-traffic checks), while production traffic shifts (announced) and after it has (the
     * post-promotion checks).
     */
    public static final List<LifecycleStage> LAMBDA_HOOK_STAGES = List.of(LifecycleStage.PRE_SCALE_UP,
            LifecycleStage.POST_TEST_TRAFFIC_SHIFT, LifecycleStage.PRODUCTION_TRAFFIC_SHIFT,
            LifecycleStage.POST_PRODUCTION_TRAFFIC_SHIFT);

    /**
     * An approval pauses once test traffic has reached the new revision, before any production traffic moves (AWS's
     * own pause-hook example). The pre-traffic checks run at the same stage; ECS goes on only when both have passed.
     */
    public static final LifecycleStage APPROVAL_STAGE = LifecycleStage.POST_TEST_TRAFFIC_SHIFT;

    public NativeDeploymentSettings {
        alarmNames = List.copyOf(alarmNames);
        hooks = List.copyOf(hooks);
    }

    /** A lifecycle hook: shiplane's hooks function, or a pause that waits for {@code shiplane promote}. */
    public sealed interface Hook {
        List<LifecycleStage> stages();
    }

    /** ECS invokes the hooks function (through its {@code live} alias) at each of these stages. */
    public record LambdaHook(List<LifecycleStage> stages) implements Hook {
        public LambdaHook {
            stages = List.copyOf(stages);
        }
    }

    /** ECS waits at these stages for {@code ContinueServiceDeployment}; after {@code timeoutMinutes} it rolls back. */
    public record PauseHook(List<LifecycleStage> stages, int timeoutMinutes) implements Hook {
        public PauseHook {
            stages = List.copyOf(stages);
        }

        /** What ECS does when nobody answers in time. */
        public String timeoutAction() {
            return "ROLLBACK";
        }
    }

    /** The settings for one service on ECS's engine in one environment. */
    public static NativeDeploymentSettings of(Target target) {
        var service = target.service();
        if (service.engine() != Engine.ECS) {
            throw new IllegalArgumentException(service.name() + " does not run on ECS's engine");
        }
        var plan = EcsNativePlan.of(service.strategy(), service.traffic());
        List<Hook> hooks = new ArrayList<>();
        hooks.add(new LambdaHook(LAMBDA_HOOK_STAGES));
        var approval = target.environment().approval();
        if (approval.required()) {
            hooks.add(new PauseHook(List.of(APPROVAL_STAGE), (int) approval.timeout().toMinutes()));
        }
        var alarms = service.alarmsIn(target.environment());
        return switch (service.strategy()) {
            case CANARY -> new NativeDeploymentSettings("CANARY", (double) plan.percent(), plan.stepBakeMinutes(),
                    null, null, plan.bakeMinutes(), alarms, hooks);
            case LINEAR -> new NativeDeploymentSettings("LINEAR", null, null, (double) plan.percent(),
                    plan.stepBakeMinutes(), plan.bakeMinutes(), alarms, hooks);
            case BLUE_GREEN -> new NativeDeploymentSettings("BLUE_GREEN", null, null, null, null, plan.bakeMinutes(),
                    alarms, hooks);
            case ROLLING -> throw new IllegalArgumentException(service.name() + " is rolling");
        };
    }
}
