package dev.shiplane.contract.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.config.Approval;
import dev.shiplane.core.config.EcsNativePlan;
import dev.shiplane.core.config.Engine;
import dev.shiplane.core.config.InvalidConfigException;
import dev.shiplane.core.config.Strategy;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code engine: ecs} and {@code approval}: what ECS's engine is given, and what ECS would refuse, refused first. */
class EcsEngineConfigTest {

    static final String ENV = """
            environments:
              staging:
                cluster: monynha-staging
                tagPolicy: {any: true}
                %s
            services:
              web: {repository: monynha/web, container: web, %s}
            """;

    static dev.shiplane.core.config.ShiplaneConfig parse(String env, String service) {
        return ConfigLoader.parse(ENV.formatted(env, service), "shiplane.yml");
    }

    @Test
    void aServiceThatNamesNoEngineRunsOnShiplanesAsBefore() {
        var web = parse("", "strategy: canary").service("web").orElseThrow();

        assertThat(web.engine()).isEqualTo(Engine.SHIPLANE);
        assertThat(web.twoColours()).isTrue();
        assertThat(web.traffic().steps()).containsExactly(10, 25, 50, 100);
    }

    @Test
    void ecsEngineRunsOneServiceWithOneCanaryPercentage() {
        var config = parse("", "engine: ecs, strategy: canary, steps: [20, 100], bake: 10m");
        var web = config.service("web").orElseThrow();
        var staging = config.environment("staging").orElseThrow();

        assertThat(web.twoColours()).isFalse();
        assertThat(web.ecsServicesIn(staging)).containsExactly("web");
        assertThat(config.targetOfEcsService("monynha-staging", "web")).isPresent();
        assertThat(EcsNativePlan.of(web.strategy(), web.traffic()))
                .isEqualTo(new EcsNativePlan(Strategy.CANARY, 20, Duration.ofMinutes(10), Duration.ofMinutes(10)));
    }

    @Test
    void ecsCanaryDefaultsToTenPercent() {
        var web = parse("", "engine: ecs, strategy: canary").service("web").orElseThrow();

        assertThat(web.traffic().steps()).containsExactly(10, 100);
    }

    @Test
    void ecsLinearAndBlueGreenPlans() {
        var linear = parse("", "engine: ecs, strategy: linear, linear: {increment: 25, every: 3m}")
                .service("web").orElseThrow();
        var blueGreen = parse("", "engine: ecs, strategy: blue-green, bake: 15m").service("web").orElseThrow();

        assertThat(EcsNativePlan.of(linear.strategy(), linear.traffic()))
                .isEqualTo(new EcsNativePlan(Strategy.LINEAR, 25, Duration.ofMinutes(3), Duration.ofMinutes(3)));
        assertThat(EcsNativePlan.of(blueGreen.strategy(), blueGreen.traffic()))
                .isEqualTo(new EcsNativePlan(Strategy.BLUE_GREEN, 100, Duration.ZERO, Duration.ofMinutes(15)));
    }

    @Test
    void approvalDefaultsToADayAndTakesATimeout() {
        var none = parse("", "engine: ecs, strategy: canary").environment("staging").orElseThrow();
        var day = parse("approval: required", "engine: ecs, strategy: canary").environment("staging").orElseThrow();
        var hours = parse("approval: required\n    approvalTimeout: 4h", "engine: ecs, strategy: canary")
                .environment("staging").orElseThrow();

        assertThat(none.approval()).isEqualTo(Approval.NONE);
        assertThat(day.approval()).isEqualTo(new Approval(true, Duration.ofHours(24)));
        assertThat(hours.approval()).isEqualTo(new Approval(true, Duration.ofHours(4)));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("", "engine: ecss, strategy: canary", "services.web.engine: unknown engine 'ecss'"),
                Arguments.of("", "engine: ecs", "services.web.strategy: engine ecs runs canary, linear or blue-green"),
                Arguments.of("", "engine: ecs, strategy: canary, steps: [10, 25, 50, 100]",
                        "services.web.steps: ECS's canary shifts one percentage"),
                Arguments.of("", "engine: ecs, strategy: canary, steps: [100]", "services.web.steps:"),
                Arguments.of("", "engine: ecs, strategy: linear, linear: {increment: 2, every: 1m}",
                        "services.web.linear.increment: ECS shifts from 3 to 100 percent a step (found 2)"),
                Arguments.of("", "engine: ecs, strategy: canary, bake: 90s",
                        "services.web.bake: ECS bakes whole minutes (found 90s)"),
                Arguments.of("", "engine: ecs, strategy: canary, bake: 25h",
                        "services.web.bake: ECS bakes at most 24h (1440 minutes)"),
                Arguments.of("", "engine: ecs, strategy: linear, linear: {increment: 10, every: 30s}",
                        "services.web.linear.every: ECS bakes whole minutes"),
                Arguments.of("", "engine: ecs, strategy: blue-green, blueGreen: {blueService: a}",
                        "services.web.blueGreen: ECS's engine runs one service"),
                Arguments.of("approval: maybe", "engine: ecs, strategy: canary",
                        "environments.staging.approval: 'maybe' is not one of required, none"),
                Arguments.of("approval: required\n    approvalTimeout: 15d", "engine: ecs, strategy: canary",
                        "environments.staging.approvalTimeout: must be from 1m to 14d"),
                Arguments.of("approval: required\n    approvalTimeout: 90s", "engine: ecs, strategy: canary",
                        "environments.staging.approvalTimeout: must be whole minutes"),
                Arguments.of("approvalTimeout: 1h", "engine: ecs, strategy: canary",
                        "environments.staging.approvalTimeout: only with approval: required"),
                Arguments.of("approval: required", "strategy: canary",
                        "services.web.engine: environment staging requires an approval, which ECS's engine gives"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("refused")
    void whatEcsWouldRefuseIsRefusedWithItsField(String env, String service, String message) {
        assertThatThrownBy(() -> parse(env, service)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(message);
    }
}
