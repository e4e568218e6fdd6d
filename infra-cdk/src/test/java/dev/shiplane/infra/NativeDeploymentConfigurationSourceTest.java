package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.config.Target;
import dev.shiplane.core.ecsengine.NativeDeploymentSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Template;

/**
 * The one source: a native service's {@code DeploymentConfiguration} in the template is, field by field, what
 * {@link NativeDeploymentSettings#of} gives the deploy function for its {@code UpdateService} — so a stack update and
 * a deployment never state different strategies, bakes, alarms or hooks.
 */
class NativeDeploymentConfigurationSourceTest {

    private static final Map<String, Template> PLATFORMS = new HashMap<>();

    @BeforeAll
    static void synth() {
        for (var env : List.of("staging", "prod")) {
            PLATFORMS.put(env, NativeConfigFixture.platform(NativeConfigFixture.config(), env));
        }
    }

    static Stream<Arguments> nativeServices() {
        return Stream.of(
                Arguments.of("canary 10 then 100, no approval", "staging", "web"),
                Arguments.of("canary in an environment that asks for approval", "prod", "web"),
                Arguments.of("linear 25 % every 3 minutes", "prod", "search"),
                Arguments.of("blue-green with a 15 minute bake, no alarms", "prod", "admin"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nativeServices")
    void templatesDeploymentConfiguration_isNativeDeploymentSettings_fieldByField(String why, String env,
                                                                                   String service) {
        var config = NativeConfigFixture.config().shiplane();
        var expected = NativeDeploymentSettings.of(new Target(config.environment(env).orElseThrow(),
                config.service(service).orElseThrow()));
        var actual = deploymentConfiguration(PLATFORMS.get(env), service);

        assertThat(actual.get("Strategy")).isEqualTo(expected.strategy());
        assertThat(((Number) actual.get("BakeTimeInMinutes")).intValue()).isEqualTo(expected.bakeMinutes());
        assertThat(number(actual, "CanaryConfiguration", "CanaryPercent")).isEqualTo(expected.canaryPercent());
        assertThat(integer(actual, "CanaryConfiguration", "CanaryBakeTimeInMinutes"))
                .isEqualTo(expected.canaryBakeMinutes());
        assertThat(number(actual, "LinearConfiguration", "StepPercent")).isEqualTo(expected.stepPercent());
        assertThat(integer(actual, "LinearConfiguration", "StepBakeTimeInMinutes"))
                .isEqualTo(expected.stepBakeMinutes());
        var alarms = (Map<?, ?>) actual.get("Alarms");
        if (expected.alarmNames().isEmpty()) {
            assertThat(alarms).isNull();
        } else {
            assertThat(alarms).isEqualTo(Map.of("AlarmNames", expected.alarmNames(), "Enable", true,
                    "Rollback", true));
        }
        var hooks = (List<?>) actual.get("LifecycleHooks");
        assertThat(hooks).hasSameSizeAs(expected.hooks());
        for (int i = 0; i < hooks.size(); i++) {
            var hook = (Map<?, ?>) hooks.get(i);
            var stages = expected.hooks().get(i).stages().stream().map(Enum::name).toList();
            assertThat(hook.get("LifecycleStages")).as("hook %d's stages", i).isEqualTo(stages);
            switch (expected.hooks().get(i)) {
                case NativeDeploymentSettings.LambdaHook lambda -> assertThat(hook.get("TargetType"))
                        .isEqualTo("AWS_LAMBDA");
                case NativeDeploymentSettings.PauseHook pause -> {
                    assertThat(hook.get("TargetType")).isEqualTo("PAUSE");
                    var timeout = (Map<?, ?>) hook.get("TimeoutConfiguration");
                    assertThat(((Number) timeout.get("TimeoutInMinutes")).intValue())
                            .isEqualTo(pause.timeoutMinutes());
                    assertThat(timeout.get("Action")).isEqualTo(pause.timeoutAction());
                }
            }
        }
        // Nothing beside them: a value only the template stated would be undone by the next UpdateService.
        assertThat(actual.keySet()).allMatch(List.of("Strategy", "BakeTimeInMinutes", "CanaryConfiguration",
                "LinearConfiguration", "Alarms", "LifecycleHooks")::contains);
    }

    private static Map<?, ?> deploymentConfiguration(Template template, String service) {
        var services = template.findResources("AWS::ECS::Service", Map.of("Properties",
                Map.of("ServiceName", service)));
        assertThat(services).as("ECS service %s", service).hasSize(1);
        var properties = (Map<?, ?>) ((Map<?, ?>) services.values().iterator().next()).get("Properties");
        return (Map<?, ?>) properties.get("DeploymentConfiguration");
    }

    private static Double number(Map<?, ?> configuration, String block, String field) {
        var inner = (Map<?, ?>) configuration.get(block);
        return inner == null ? null : ((Number) inner.get(field)).doubleValue();
    }

    private static Integer integer(Map<?, ?> configuration, String block, String field) {
        var inner = (Map<?, ?>) configuration.get(block);
        return inner == null ? null : ((Number) inner.get(field)).intValue();
    }
}
