package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.core.ecsengine.LifecycleStage;
import dev.shiplane.core.ecsengine.NativeDeploymentSettings;
import dev.shiplane.core.ecsengine.NativeDeploymentSettings.LambdaHook;
import dev.shiplane.core.ecsengine.NativeDeploymentSettings.PauseHook;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHook;

/** An update of a service on ECS's engine, as moto stores it: the rendered deploymentConfiguration, field by field. */
@ExtendWith(EmulatorExtension.class)
class EcsNativeRolloutsTest {

    static final String HOOKS = "arn:aws:lambda:us-east-1:123456789012:function:shiplane-hooks:live";
    static final String ROLE = "arn:aws:iam::123456789012:role/shiplane-ecs-hooks";
    static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/web@sha256:" + "e".repeat(64);

    EcsClient ecs;
    String registered;

    @BeforeEach
    void world(TestAws aws) {
        ecs = aws.ecs();
        var original = aws.ecsService("monynha-prod", "web", "web", "monynha/web:1.0.0");
        registered = new EcsTaskDefinitions(ecs).registerWithImage(original, "web", IMAGE, Map.of());
    }

    @Test
    void canaryWithApproval_updatesTheServiceWithStrategyBakesAlarmsHooksAndPause() {
        var settings = new NativeDeploymentSettings("CANARY", 10.0, 5, null, null, 15, List.of("prod-web-5xx"),
                List.of(new LambdaHook(NativeDeploymentSettings.LAMBDA_HOOK_STAGES),
                        new PauseHook(List.of(LifecycleStage.POST_TEST_TRAFFIC_SHIFT), 60)));

        var ecsId = rollouts().roll("monynha-prod", "web", registered, settings);

        var service = ecs.describeServices(r -> r.cluster("monynha-prod").services("web")).services().getFirst();
        assertThat(ecsId).isNotBlank();
        assertThat(service.taskDefinition()).isEqualTo(registered);
        DeploymentConfiguration stored = service.deploymentConfiguration();
        assertThat(stored.strategyAsString()).isEqualTo("CANARY");
        assertThat(stored.canaryConfiguration().canaryPercent()).isEqualTo(10.0);
        assertThat(stored.canaryConfiguration().canaryBakeTimeInMinutes()).isEqualTo(5);
        assertThat(stored.linearConfiguration()).isNull();
        assertThat(stored.bakeTimeInMinutes()).isEqualTo(15);
        assertThat(stored.alarms().alarmNames()).containsExactly("prod-web-5xx");
        assertThat(stored.alarms().enable()).isTrue();
        assertThat(stored.alarms().rollback()).isTrue();
        assertThat(stored.lifecycleHooks()).hasSize(2);
        DeploymentLifecycleHook lambda = stored.lifecycleHooks().get(0);
        assertThat(lambda.targetTypeAsString()).isEqualTo("AWS_LAMBDA");
        assertThat(lambda.hookTargetArn()).isEqualTo(HOOKS);
        assertThat(lambda.roleArn()).isEqualTo(ROLE);
        assertThat(lambda.lifecycleStagesAsStrings()).containsExactly("PRE_SCALE_UP", "POST_TEST_TRAFFIC_SHIFT",
                "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT");
        DeploymentLifecycleHook pause = stored.lifecycleHooks().get(1);
        assertThat(pause.targetTypeAsString()).isEqualTo("PAUSE");
        assertThat(pause.hookTargetArn()).isNull();
        assertThat(pause.lifecycleStagesAsStrings()).containsExactly("POST_TEST_TRAFFIC_SHIFT");
        assertThat(pause.timeoutConfiguration().timeoutInMinutes()).isEqualTo(60);
        assertThat(pause.timeoutConfiguration().actionAsString()).isEqualTo("ROLLBACK");
    }

    @Test
    void linearWithoutAlarms_carriesItsStepAndDisablesAlarmRollback() {
        var settings = new NativeDeploymentSettings("LINEAR", null, null, 25.0, 2, 2, List.of(),
                List.of(new LambdaHook(NativeDeploymentSettings.LAMBDA_HOOK_STAGES)));

        rollouts().roll("monynha-prod", "web", registered, settings);

        var stored = ecs.describeServices(r -> r.cluster("monynha-prod").services("web")).services().getFirst()
                .deploymentConfiguration();
        assertThat(stored.strategyAsString()).isEqualTo("LINEAR");
        assertThat(stored.linearConfiguration().stepPercent()).isEqualTo(25.0);
        assertThat(stored.linearConfiguration().stepBakeTimeInMinutes()).isEqualTo(2);
        assertThat(stored.canaryConfiguration()).isNull();
        assertThat(stored.alarms().enable()).isFalse();
        assertThat(stored.alarms().rollback()).isFalse();
    }

    @Test
    void withoutTheHooksFunctionsArn_anUpdateIsRefusedBeforeEcsIsCalled() {
        var settings = new NativeDeploymentSettings("BLUE_GREEN", null, null, null, null, 10, List.of(),
                List.of(new LambdaHook(NativeDeploymentSettings.LAMBDA_HOOK_STAGES)));

        assertThatThrownBy(() -> new EcsServiceRollouts(ecs).roll("monynha-prod", "web", registered, settings))
                .hasMessageContaining(DeliveryEnvironment.HOOKS_FUNCTION_ARN);
        var service = ecs.describeServices(r -> r.cluster("monynha-prod").services("web")).services().getFirst();
        assertThat(service.taskDefinition()).isNotEqualTo(registered);
    }

    private EcsServiceRollouts rollouts() {
        return new EcsServiceRollouts(ecs, new EcsNativeDeploymentConfiguration(HOOKS, ROLE));
    }
}
