package dev.shiplane.aws;

import static dev.shiplane.contract.environment.DeliveryEnvironment.HOOKS_FUNCTION_ARN;
import static dev.shiplane.contract.environment.DeliveryEnvironment.HOOKS_ROLE_ARN;

import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.core.ecsengine.LifecycleStage;
import dev.shiplane.core.ecsengine.NativeDeploymentSettings;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.CanaryConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentAlarms;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHook;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookTargetType;
import software.amazon.awssdk.services.ecs.model.LinearConfiguration;

/**
 * Renders {@link NativeDeploymentSettings} as the SDK's {@code DeploymentConfiguration}: the one place an
 * {@code UpdateService} for a service on ECS's engine gets its strategy, bakes, alarms and lifecycle hooks, so each
 * update repeats what the stack declares instead of leaving ECS on whatever was set before.
 *
 * <p>Environment of the functions that update such services: {@value DeliveryEnvironment#HOOKS_FUNCTION_ARN} (the
 * hooks function's {@code live} alias) and {@value DeliveryEnvironment#HOOKS_ROLE_ARN} (the role ECS assumes to
 * invoke it).
 */
public final class EcsNativeDeploymentConfiguration {

    private final String hooksFunctionArn;
    private final String hooksRoleArn;

    public EcsNativeDeploymentConfiguration(String hooksFunctionArn, String hooksRoleArn) {
        this.hooksFunctionArn = hooksFunctionArn;
        this.hooksRoleArn = hooksRoleArn;
    }

    public DeploymentConfiguration render(NativeDeploymentSettings settings) {
        var config = DeploymentConfiguration.builder()
                .strategy(settings.strategy())
                .bakeTimeInMinutes(settings.bakeMinutes())
                .alarms(DeploymentAlarms.builder().alarmNames(settings.alarmNames())
                        .enable(!settings.alarmNames().isEmpty()).rollback(!settings.alarmNames().isEmpty()).build())
                .lifecycleHooks(settings.hooks().stream().map(this::hook).toList());
        if (settings.canaryPercent() != null) {
            config.canaryConfiguration(CanaryConfiguration.builder().canaryPercent(settings.canaryPercent())
                    .canaryBakeTimeInMinutes(settings.canaryBakeMinutes()).build());
        }
        if (settings.stepPercent() != null) {
            config.linearConfiguration(LinearConfiguration.builder().stepPercent(settings.stepPercent())
                    .stepBakeTimeInMinutes(settings.stepBakeMinutes()).build());
        }
        return config.build();
    }

    private DeploymentLifecycleHook hook(NativeDeploymentSettings.Hook hook) {
        return switch (hook) {
            case NativeDeploymentSettings.LambdaHook lambda -> {
                if (hooksFunctionArn == null || hooksFunctionArn.isBlank() || hooksRoleArn == null
                        || hooksRoleArn.isBlank()) {
                    // An update without the hooks would drop them from the service: refuse rather than deploy unguarded.
                    throw new IllegalStateException("a service on ECS's engine is updated with shiplane's hooks: set "
                            + HOOKS_FUNCTION_ARN + " and " + HOOKS_ROLE_ARN);
                }
                yield DeploymentLifecycleHook.builder().targetType(DeploymentLifecycleHookTargetType.AWS_LAMBDA)
                        .hookTargetArn(hooksFunctionArn).roleArn(hooksRoleArn)
                        .lifecycleStagesWithStrings(names(lambda.stages())).build();
            }
            case NativeDeploymentSettings.PauseHook pause -> DeploymentLifecycleHook.builder()
                    .targetType(DeploymentLifecycleHookTargetType.PAUSE)
                    .lifecycleStagesWithStrings(names(pause.stages()))
                    .timeoutConfiguration(t -> t.timeoutInMinutes(pause.timeoutMinutes())
                            .action(pause.timeoutAction()))
                    .build();
        };
    }

    private static List<String> names(List<LifecycleStage> stages) {
        return stages.stream().map(LifecycleStage::name).toList();
    }
}
