package dev.shiplane.infra;

import dev.shiplane.core.ecsengine.LifecycleStage;
import dev.shiplane.core.ecsengine.NativeDeploymentSettings;
import software.amazon.awscdk.services.ecs.CfnService;

/**
 * A native service's {@code DeploymentConfiguration} as the template states it: {@link NativeDeploymentSettings}
 * field for field, nothing added. The deploy function's {@code UpdateService} renders the same settings, so a stack
 * update and a deployment never set different strategies, bakes, alarms or hooks.
 */
final class NativeDeploymentConfiguration {

    private NativeDeploymentConfiguration() {}

    /**
     * @param hookTargetArn the hooks function's alias, which ECS invokes at the Lambda hook's stages
     * @param hookRoleArn   the role ECS assumes to invoke it
     */
    static CfnService.DeploymentConfigurationProperty of(NativeDeploymentSettings settings, String hookTargetArn,
                                                         String hookRoleArn) {
        var configuration = CfnService.DeploymentConfigurationProperty.builder()
                .strategy(settings.strategy())
                .bakeTimeInMinutes(settings.bakeMinutes())
                .lifecycleHooks(settings.hooks().stream()
                        .map(hook -> hook(hook, hookTargetArn, hookRoleArn)).toList());
        if (settings.canaryPercent() != null) {
            configuration.canaryConfiguration(CfnService.CanaryConfigurationProperty.builder()
                    .canaryPercent(settings.canaryPercent())
                    .canaryBakeTimeInMinutes(settings.canaryBakeMinutes())
                    .build());
        }
        if (settings.stepPercent() != null) {
            configuration.linearConfiguration(CfnService.LinearConfigurationProperty.builder()
                    .stepPercent(settings.stepPercent())
                    .stepBakeTimeInMinutes(settings.stepBakeMinutes())
                    .build());
        }
        if (!settings.alarmNames().isEmpty()) {
            configuration.alarms(CfnService.DeploymentAlarmsProperty.builder()
                    .alarmNames(settings.alarmNames()).enable(true).rollback(true).build());
        }
        return configuration.build();
    }

    private static CfnService.DeploymentLifecycleHookProperty hook(NativeDeploymentSettings.Hook hook,
                                                                   String targetArn, String roleArn) {
        var stages = hook.stages().stream().map(LifecycleStage::name).toList();
        return switch (hook) {
            case NativeDeploymentSettings.LambdaHook lambda -> CfnService.DeploymentLifecycleHookProperty.builder()
                    .targetType("AWS_LAMBDA")
                    .hookTargetArn(targetArn)
                    .roleArn(roleArn)
                    .lifecycleStages(stages)
                    .build();
            case NativeDeploymentSettings.PauseHook pause -> CfnService.DeploymentLifecycleHookProperty.builder()
                    .targetType("PAUSE")
                    .lifecycleStages(stages)
                    .timeoutConfiguration(CfnService.HookTimeoutConfigProperty.builder()
                            .timeoutInMinutes(pause.timeoutMinutes())
                            .action(pause.timeoutAction())
                            .build())
                    .build();
        };
    }
}
