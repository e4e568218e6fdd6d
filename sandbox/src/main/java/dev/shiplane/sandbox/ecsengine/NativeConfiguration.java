package dev.shiplane.sandbox.ecsengine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A service deployment's {@code deploymentConfiguration}, as ECS's engine reads it: the strategy and its percentages,
 * bakes, alarms and lifecycle hooks (field names as in ECS's API).
 *
 * @param strategy      {@code CANARY}, {@code LINEAR} or {@code BLUE_GREEN}
 * @param shiftPercent  CANARY: the canary's share; LINEAR: each step's share; BLUE_GREEN: 100
 * @param shiftBake     how long each partial shift bakes (CANARY and LINEAR)
 * @param bake          how long both revisions stay after the full shift ({@code bakeTimeInMinutes})
 * @param rollbackAlarms alarms that roll the deployment back (empty unless alarms are enabled with rollback)
 * @param hooks         lifecycle hooks in the order they are declared
 */
public record NativeConfiguration(String strategy, double shiftPercent, Duration shiftBake, Duration bake,
                                  List<String> rollbackAlarms, List<Hook> hooks) {

    /**
     * A lifecycle hook: {@code AWS_LAMBDA} (a function ECS invokes) or {@code PAUSE} (ECS waits for
     * ContinueServiceDeployment until {@code timeoutMinutes}, then takes {@code timeoutAction}).
     */
    public record Hook(String targetType, String hookTargetArn, String roleArn, List<String> lifecycleStages,
                       JsonNode hookDetails, int timeoutMinutes, String timeoutAction) {
        boolean isPause() {
            return "PAUSE".equals(targetType);
        }
    }

    public NativeConfiguration {
        rollbackAlarms = List.copyOf(rollbackAlarms);
        hooks = List.copyOf(hooks);
    }

    /** Whether ECS's engine (not a rolling update) runs deployments of a service configured so. */
    public static boolean isNative(JsonNode deploymentConfiguration) {
        var strategy = deploymentConfiguration.path("strategy").asText("ROLLING");
        return strategy.equals("CANARY") || strategy.equals("LINEAR") || strategy.equals("BLUE_GREEN");
    }

    public static NativeConfiguration of(JsonNode c) {
        var strategy = c.path("strategy").asText();
        double percent = switch (strategy) {
            case "CANARY" -> c.path("canaryConfiguration").path("canaryPercent").asDouble(5.0);
            case "LINEAR" -> c.path("linearConfiguration").path("stepPercent").asDouble(10.0);
            default -> 100.0;
        };
        int shiftBake = switch (strategy) {
            case "CANARY" -> c.path("canaryConfiguration").path("canaryBakeTimeInMinutes").asInt(0);
            case "LINEAR" -> c.path("linearConfiguration").path("stepBakeTimeInMinutes").asInt(0);
            default -> 0;
        };
        List<String> alarms = new ArrayList<>();
        var alarmConfig = c.path("alarms");
        if (alarmConfig.path("enable").asBoolean(false) && alarmConfig.path("rollback").asBoolean(false)) {
            alarmConfig.path("alarmNames").forEach(a -> alarms.add(a.asText()));
        }
        List<Hook> hooks = new ArrayList<>();
        for (var h : c.path("lifecycleHooks")) {
            List<String> stages = new ArrayList<>();
            h.path("lifecycleStages").forEach(s -> stages.add(s.asText()));
            hooks.add(new Hook(h.path("targetType").asText("AWS_LAMBDA"), h.path("hookTargetArn").asText(null),
                    h.path("roleArn").asText(null), stages, h.has("hookDetails") ? h.get("hookDetails")
                    : NullNode.getInstance(), h.path("timeoutConfiguration").path("timeoutInMinutes").asInt(0),
                    h.path("timeoutConfiguration").path("action").asText("ROLLBACK")));
        }
        return new NativeConfiguration(strategy, percent, Duration.ofMinutes(shiftBake),
                Duration.ofMinutes(c.path("bakeTimeInMinutes").asInt(0)), alarms, hooks);
    }

    /** The hooks declared at {@code stage}, in declaration order. */
    List<Hook> hooksAt(String stage) {
        return hooks.stream().filter(h -> h.lifecycleStages().contains(stage)).toList();
    }
}
