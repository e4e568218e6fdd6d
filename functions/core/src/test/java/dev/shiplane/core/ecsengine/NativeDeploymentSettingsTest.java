package dev.shiplane.core.ecsengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.config.Approval;
import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.Engine;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.config.TrafficPlan;
import dev.shiplane.core.ecsengine.NativeDeploymentSettings.LambdaHook;
import dev.shiplane.core.ecsengine.NativeDeploymentSettings.PauseHook;
import dev.shiplane.core.policy.TagPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeDeploymentSettingsTest {

    static final TagPolicy ANY = new TagPolicy(new dev.shiplane.core.policy.TagMatcher.AnyTag(), false, false);

    static Target target(Strategy strategy, TrafficPlan traffic, Approval approval) {
        var env = new EnvironmentSpec("prod", "monynha-prod", ANY, null, null, null, null, approval);
        var service = new ServiceSpec("web", List.of("monynha/web"), "web", "web", strategy,
                List.of("{env}-{service}-5xx"), List.of("prod"), traffic, null, List.of(), Engine.ECS);
        return new Target(env, service);
    }

    @Test
    void canaryCarriesItsPercentBakesAlarmsAndTheHooksFunction() {
        var settings = NativeDeploymentSettings.of(target(Strategy.CANARY,
                new TrafficPlan(List.of(10, 100), Duration.ofMinutes(5)), Approval.NONE));

        assertThat(settings).isEqualTo(new NativeDeploymentSettings("CANARY", 10.0, 5, null, null, 5,
                List.of("prod-web-5xx"), List.of(new LambdaHook(NativeDeploymentSettings.LAMBDA_HOOK_STAGES))));
    }

    @Test
    void linearCarriesItsStep() {
        var settings = NativeDeploymentSettings.of(target(Strategy.LINEAR,
                TrafficPlan.linear(25, Duration.ofMinutes(2)), Approval.NONE));

        assertThat(settings.strategy()).isEqualTo("LINEAR");
        assertThat(settings.stepPercent()).isEqualTo(25.0);
        assertThat(settings.stepBakeMinutes()).isEqualTo(2);
        assertThat(settings.canaryPercent()).isNull();
    }

    @Test
    void blueGreenBakesOnlyAfterTheFullShift() {
        var settings = NativeDeploymentSettings.of(target(Strategy.BLUE_GREEN,
                TrafficPlan.allAtOnce(Duration.ofMinutes(15)), Approval.NONE));

        assertThat(settings.strategy()).isEqualTo("BLUE_GREEN");
        assertThat(settings.bakeMinutes()).isEqualTo(15);
        assertThat(settings.canaryPercent()).isNull();
        assertThat(settings.stepPercent()).isNull();
    }

    @Test
    void anApprovalPausesBeforeProductionTrafficAndRollsBackWhenNobodyAnswers() {
        var settings = NativeDeploymentSettings.of(target(Strategy.CANARY,
                new TrafficPlan(List.of(10, 100), Duration.ofMinutes(5)), new Approval(true, Duration.ofHours(4))));

        assertThat(settings.hooks()).containsExactly(new LambdaHook(NativeDeploymentSettings.LAMBDA_HOOK_STAGES),
                new PauseHook(List.of(LifecycleStage.POST_TEST_TRAFFIC_SHIFT), 240));
        assertThat(((PauseHook) settings.hooks().getLast()).timeoutAction()).isEqualTo("ROLLBACK");
    }

    @Test
    void aServiceOnShiplanesEngineHasNoNativeSettings() {
        var env = new EnvironmentSpec("prod", "monynha-prod", ANY);
        var service = new ServiceSpec("api", List.of("monynha/api"), "api", "api", Strategy.CANARY, List.of(),
                List.of("prod"), null, null);

        assertThatThrownBy(() -> NativeDeploymentSettings.of(new Target(env, service)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
