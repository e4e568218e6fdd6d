package dev.shiplane.sandbox.ecsengine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnginePlanTest {

    private static final String LAMBDA = """
            {"targetType":"AWS_LAMBDA","hookTargetArn":"arn:aws:lambda:us-east-1:1:function:h:live",
             "lifecycleStages":["PRE_SCALE_UP","POST_TEST_TRAFFIC_SHIFT","PRODUCTION_TRAFFIC_SHIFT",
                                "POST_PRODUCTION_TRAFFIC_SHIFT"]}""";
    private static final String PAUSE = """
            {"targetType":"PAUSE","lifecycleStages":["PRE_PRODUCTION_TRAFFIC_SHIFT"],
             "timeoutConfiguration":{"timeoutInMinutes":60,"action":"ROLLBACK"}}""";

    static Stream<Arguments> plans() {
        return Stream.of(
                Arguments.of("canary 10%: one partial shift and its bake, then all, then the final bake",
                        "{\"strategy\":\"CANARY\",\"canaryConfiguration\":{\"canaryPercent\":10,"
                                + "\"canaryBakeTimeInMinutes\":5},\"bakeTimeInMinutes\":5,\"lifecycleHooks\":[" + LAMBDA + "]}",
                        List.of("stage RECONCILE_SERVICE", "stage PRE_SCALE_UP", "hook PRE_SCALE_UP", "stage SCALE_UP",
                                "stage POST_SCALE_UP", "stage TEST_TRAFFIC_SHIFT", "test 100", "stage POST_TEST_TRAFFIC_SHIFT",
                                "hook POST_TEST_TRAFFIC_SHIFT", "stage PRODUCTION_TRAFFIC_SHIFT", "production 10",
                                "hook PRODUCTION_TRAFFIC_SHIFT", "bake 5m", "production 100", "hook PRODUCTION_TRAFFIC_SHIFT",
                                "stage POST_PRODUCTION_TRAFFIC_SHIFT", "hook POST_PRODUCTION_TRAFFIC_SHIFT",
                                "stage BAKE_TIME", "bake 5m", "stage CLEAN_UP", "finish")),
                Arguments.of("an approval pauses after the test-traffic hooks, before production traffic moves",
                        "{\"strategy\":\"BLUE_GREEN\",\"bakeTimeInMinutes\":0,\"lifecycleHooks\":[" + LAMBDA + "," + PAUSE + "]}",
                        List.of("stage RECONCILE_SERVICE", "stage PRE_SCALE_UP", "hook PRE_SCALE_UP", "stage SCALE_UP",
                                "stage POST_SCALE_UP", "stage TEST_TRAFFIC_SHIFT", "test 100", "stage POST_TEST_TRAFFIC_SHIFT",
                                "hook POST_TEST_TRAFFIC_SHIFT", "pause PRE_PRODUCTION_TRAFFIC_SHIFT",
                                "stage PRODUCTION_TRAFFIC_SHIFT", "production 100", "hook PRODUCTION_TRAFFIC_SHIFT",
                                "stage POST_PRODUCTION_TRAFFIC_SHIFT", "hook POST_PRODUCTION_TRAFFIC_SHIFT",
                                "stage BAKE_TIME", "stage CLEAN_UP", "finish")),
                Arguments.of("linear 30%: equal steps, each baked, the last step takes the rest",
                        "{\"strategy\":\"LINEAR\",\"linearConfiguration\":{\"stepPercent\":30,\"stepBakeTimeInMinutes\":2},"
                                + "\"bakeTimeInMinutes\":10}",
                        List.of("stage RECONCILE_SERVICE", "stage PRE_SCALE_UP", "stage SCALE_UP", "stage POST_SCALE_UP",
                                "stage TEST_TRAFFIC_SHIFT", "test 100", "stage POST_TEST_TRAFFIC_SHIFT",
                                "stage PRODUCTION_TRAFFIC_SHIFT", "production 30", "bake 2m", "production 60", "bake 2m",
                                "production 90", "bake 2m", "production 100", "stage POST_PRODUCTION_TRAFFIC_SHIFT",
                                "stage BAKE_TIME", "bake 10m", "stage CLEAN_UP", "finish")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void forward(String why, String configuration, List<String> expected) throws Exception {
        var plan = EnginePlan.forward(NativeConfiguration.of(new ObjectMapper().readTree(configuration)));
        assertThat(plan.stream().map(EnginePlanTest::describe).toList()).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void rollback_movesProductionThenTestTrafficBack_runningThoseStagesHooks(String why, String configuration,
                                                                             List<String> ignored) throws Exception {
        var c = NativeConfiguration.of(new ObjectMapper().readTree(configuration));
        var hooked = !c.hooks().isEmpty();
        var plan = EnginePlan.rollback(c).stream().map(EnginePlanTest::describe).toList();
        assertThat(plan).containsExactlyElementsOf(hooked
                ? List.of("stage PRODUCTION_TRAFFIC_SHIFT", "production 0", "hook PRODUCTION_TRAFFIC_SHIFT",
                        "stage TEST_TRAFFIC_SHIFT", "test 0", "stage CLEAN_UP", "finish")
                : List.of("stage PRODUCTION_TRAFFIC_SHIFT", "production 0", "stage TEST_TRAFFIC_SHIFT", "test 0",
                        "stage CLEAN_UP", "finish"));
    }

    private static String describe(EngineStep step) {
        return switch (step) {
            case EngineStep.EnterStage s -> "stage " + s.stage();
            case EngineStep.RunHook h -> (h.hook().isPause() ? "pause " : "hook ") + h.stage();
            case EngineStep.ShiftTestTraffic s -> "test " + (int) s.targetPercent();
            case EngineStep.ShiftProductionTraffic s -> "production " + (int) s.targetPercent();
            case EngineStep.Bake b -> "bake " + b.time().toMinutes() + "m";
            case EngineStep.Finish f -> "finish";
        };
    }
}
