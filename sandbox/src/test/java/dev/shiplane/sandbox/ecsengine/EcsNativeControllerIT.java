package dev.shiplane.sandbox.ecsengine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.testkit.BlueGreenWorld;
import dev.shiplane.testkit.MotoServer;
import dev.shiplane.testkit.TestAws;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHook;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStage;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/** ECS's engine as the sandbox plays it, against moto through the repository's launcher, with a test hook. */
class EcsNativeControllerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLUSTER = "monynha-staging";
    private static final String ALARM = "staging-web-5xx";
    private static final Instant T0 = Instant.parse("2026-05-20T10:00:00Z");

    private static MotoServer moto;
    private TestAws aws;
    private BlueGreenWorld world;
    private HookResponder hooks;
    private ListenerRuleTraffic traffic;
    private EcsNativeController engine;
    private String firstRevision;

    @BeforeAll
    static void emulator() {
        moto = MotoServer.startOrReuse();
    }

    @BeforeEach
    void world() {
        moto.reset();
        aws = new TestAws(moto);
        world = new BlueGreenWorld(aws);
        firstRevision = aws.ecsService(CLUSTER, "web", "web", "monynha/web:1.0.0");
        world.alarm(ALARM);
        var listener = world.loadBalancer(CLUSTER);
        var vpc = world.elb().describeLoadBalancers().loadBalancers().getFirst().vpcId();
        var primary = targetGroup("primary", vpc);
        var alternate = targetGroup("alternate", vpc);
        var rule = world.elb().createRule(r -> r.listenerArn(listener).priority(10)
                .conditions(c -> c.field("path-pattern").values("/*"))
                .actions(a -> a.type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(
                        TargetGroupTuple.builder().targetGroupArn(primary).weight(100).build(),
                        TargetGroupTuple.builder().targetGroupArn(alternate).weight(0).build()))))
                .rules().getFirst().ruleArn();
        traffic = new ListenerRuleTraffic(world.elb());
        traffic.route(CLUSTER, "web", rule, primary, alternate);
        hooks = new HookResponder();
        engine = new EcsNativeController(aws.ecs(), aws.build(CloudWatchClient.builder()),
                new ServiceDeploymentControl(moto.endpoint()), hooks, traffic);
    }

    @Test
    void canary_runsTheStagesInOrder_shiftsTenPercentBakesThenAll_andCompletes() throws Exception {
        configure(canary(lambdaHook()));
        var newRevision = deploy("1.1.0");

        var started = engine.progress(T0);
        assertThat(eventNames(started)).containsExactly("SERVICE_DEPLOYMENT_IN_PROGRESS");
        assertThat(hooks.stages()).containsExactly("PRE_SCALE_UP", "POST_TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT");
        assertThat(traffic.weights(CLUSTER, "web")).isEqualTo("primary=90 (live) alternate=10");
        assertThat(engine.nextDue()).contains(T0.plus(Duration.ofMinutes(5)));
        var during = current();
        assertThat(during.status()).isEqualTo(ServiceDeploymentStatus.IN_PROGRESS);
        assertThat(during.targetServiceRevision().requestedProductionTrafficWeight()).isEqualTo(10.0);
        var shiftPayload = hooks.payloads.get(2);
        assertThat(shiftPayload.path("resourceArn").asText()).isEqualTo(during.serviceDeploymentArn());
        assertThat(shiftPayload.path("executionDetails").path("productionTrafficWeights")
                .path(during.targetServiceRevision().arn()).asDouble()).isEqualTo(10.0);
        assertThat(revisionTaskDefinition(shiftPayload.path("executionDetails").path("targetServiceRevisionArn")
                .asText())).isEqualTo(newRevision);

        assertThat(engine.progress(T0.plus(Duration.ofMinutes(4)))).isEmpty();
        engine.progress(T0.plus(Duration.ofMinutes(5)));
        assertThat(traffic.weights(CLUSTER, "web")).isEqualTo("primary=0 (live) alternate=100");
        assertThat(hooks.stages()).endsWith("PRODUCTION_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT",
                "POST_PRODUCTION_TRAFFIC_SHIFT");
        assertThat(current().lifecycleStage().toString()).isEqualTo("BAKE_TIME");

        var done = engine.progress(T0.plus(Duration.ofMinutes(10)));
        assertThat(eventNames(done)).containsExactly("SERVICE_DEPLOYMENT_COMPLETED");
        assertThat(current().status()).isEqualTo(ServiceDeploymentStatus.SUCCESSFUL);
        assertThat(engine.nextDue()).isEmpty();
        assertThat(traffic.weights(CLUSTER, "web")).isEqualTo("primary=0 alternate=100 (live)");
    }

    @Test
    void hookInProgress_isInvokedAgainAfterItsCallBackDelay_withTheHookDetailsItReturned() {
        configure(canary(lambdaHook()));
        hooks.answer("POST_TEST_TRAFFIC_SHIFT",
                "{\"hookStatus\":\"IN_PROGRESS\",\"callBackDelay\":60,\"hookDetails\":{\"attempt\":1}}");
        deploy("1.1.0");

        engine.progress(T0);
        assertThat(engine.nextDue()).contains(T0.plusSeconds(60));
        assertThat(traffic.weights(CLUSTER, "web")).startsWith("primary=100");
        assertThat(engine.progress(T0.plusSeconds(30))).isEmpty();
        engine.progress(T0.plusSeconds(60));

        var first = hooks.payloads.get(1);
        var again = hooks.payloads.get(2);
        assertThat(again.path("lifecycleStage").asText()).isEqualTo("POST_TEST_TRAFFIC_SHIFT");
        assertThat(again.path("executionId").asText()).isEqualTo(first.path("executionId").asText());
        assertThat(again.path("hookDetails").path("attempt").asInt()).isEqualTo(1);
        assertThat(traffic.weights(CLUSTER, "web")).startsWith("primary=90");
    }

    @Test
    void failedHook_rollsBack_runsTheTrafficHooksOnTheWayBack_andReportsTheFailure() {
        configure(canary(lambdaHook()));
        hooks.answer("POST_TEST_TRAFFIC_SHIFT", "{\"hookStatus\":\"FAILED\"}");
        deploy("1.1.0");

        var emitted = engine.progress(T0);

        assertThat(eventNames(emitted)).containsExactly("SERVICE_DEPLOYMENT_IN_PROGRESS", "SERVICE_DEPLOYMENT_FAILED");
        assertThat(reasons(emitted).getLast()).contains("POST_TEST_TRAFFIC_SHIFT").contains("FAILED");
        assertThat(hooks.stages()).containsExactly("PRE_SCALE_UP", "POST_TEST_TRAFFIC_SHIFT",
                "PRODUCTION_TRAFFIC_SHIFT");
        var record = current();
        assertThat(record.status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThat(record.rollback().serviceRevisionArn()).isEqualTo(record.sourceServiceRevisions().getFirst().arn());
        assertThat(runningTaskDefinition()).isEqualTo(firstRevision);
        assertThat(traffic.weights(CLUSTER, "web")).isEqualTo("primary=100 (live) alternate=0");
    }

    @Test
    void hookThatCannotBeInvoked_rollsBack() {
        configure(canary(DeploymentLifecycleHook.builder().hookTargetArn(
                "arn:aws:lambda:us-east-1:123456789012:function:missing:live").roleArn("arn:aws:iam::123456789012:role/x")
                .lifecycleStages(DeploymentLifecycleHookStage.PRE_SCALE_UP).build()));
        deploy("1.1.0");

        var emitted = engine.progress(T0);

        assertThat(reasons(emitted).getLast()).contains("ResourceNotFoundException");
        assertThat(current().status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
    }

    @Test
    void alarmDuringTheCanaryBake_rollsTrafficBackToTheRunningRevision() {
        configure(canary(lambdaHook()));
        deploy("1.1.0");
        engine.progress(T0);
        assertThat(traffic.weights(CLUSTER, "web")).startsWith("primary=90");

        world.setAlarm(ALARM, "ALARM", "Threshold Crossed");
        var emitted = engine.progress(T0.plus(Duration.ofMinutes(2)));

        assertThat(eventNames(emitted)).containsExactly("SERVICE_DEPLOYMENT_FAILED");
        assertThat(reasons(emitted).getFirst()).contains(ALARM);
        assertThat(traffic.weights(CLUSTER, "web")).isEqualTo("primary=100 (live) alternate=0");
        var record = current();
        assertThat(record.status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThat(record.alarms().triggeredAlarmNames()).containsExactly(ALARM);
        assertThat(runningTaskDefinition()).isEqualTo(firstRevision);
    }

    @Test
    void pauseHook_announcesItself_holdsProductionTraffic_untilContinueServiceDeployment() throws Exception {
        configure(canary(lambdaHook(), pauseHook(60)));
        deploy("1.1.0");

        var paused = engine.progress(T0);
        var awaiting = paused.stream().filter(e -> e.event() != null).map(e -> tree(e.event()))
                .filter(e -> e.path("detail-type").asText().equals("ECS Hook State Change")).toList();
        assertThat(awaiting).hasSize(1);
        var hookId = awaiting.getFirst().path("detail").path("hookId").asText();
        assertThat(awaiting.getFirst().path("detail").path("eventName").asText()).isEqualTo("HOOK_AWAITING_ACTION");
        var record = current();
        assertThat(record.lifecycleHookDetails()).singleElement().satisfies(h -> {
            assertThat(h.hookId()).isEqualTo(hookId);
            assertThat(h.statusAsString()).isEqualTo("AWAITING_ACTION");
            assertThat(h.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(60)));
        });
        assertThat(traffic.weights(CLUSTER, "web")).startsWith("primary=100");
        assertThat(engine.progress(T0.plus(Duration.ofMinutes(30)))).isEmpty();

        aws.ecs().continueServiceDeployment(r -> r.serviceDeploymentArn(record.serviceDeploymentArn()).hookId(hookId)
                .action("CONTINUE"));
        engine.progress(T0.plus(Duration.ofMinutes(31)));

        assertThat(traffic.weights(CLUSTER, "web")).startsWith("primary=90");
        assertThat(current().lifecycleHookDetails().getFirst().statusAsString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void pauseNobodyAnswers_rollsBackAtItsTimeout() {
        configure(canary(lambdaHook(), pauseHook(60)));
        deploy("1.1.0");
        engine.progress(T0);
        assertThat(engine.nextDue()).contains(T0.plus(Duration.ofMinutes(60)));

        var emitted = engine.progress(T0.plus(Duration.ofMinutes(60)));

        assertThat(reasons(emitted).getLast()).contains("timed out");
        assertThat(current().status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThat(current().lifecycleHookDetails().getFirst().statusAsString()).isEqualTo("TIMED_OUT");
    }

    @Test
    void continueWithRollback_rollsBack() {
        configure(canary(lambdaHook(), pauseHook(60)));
        deploy("1.1.0");
        engine.progress(T0);
        var record = current();

        aws.ecs().continueServiceDeployment(r -> r.serviceDeploymentArn(record.serviceDeploymentArn())
                .hookId(record.lifecycleHookDetails().getFirst().hookId()).action("ROLLBACK"));
        var emitted = engine.progress(T0.plusSeconds(10));

        assertThat(reasons(emitted).getLast()).contains("ContinueServiceDeployment");
        assertThat(current().status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
    }

    @Test
    void stopServiceDeploymentWithRollback_rollsBackDuringTheBake() {
        configure(canary(lambdaHook()));
        deploy("1.1.0");
        engine.progress(T0);

        aws.ecs().stopServiceDeployment(r -> r.serviceDeploymentArn(current().serviceDeploymentArn()).stopType("ROLLBACK"));
        var emitted = engine.progress(T0.plusSeconds(10));

        assertThat(eventNames(emitted)).containsExactly("SERVICE_DEPLOYMENT_FAILED");
        assertThat(traffic.weights(CLUSTER, "web")).isEqualTo("primary=100 (live) alternate=0");
        assertThat(runningTaskDefinition()).isEqualTo(firstRevision);
    }

    @Test
    void newerUpdateService_stopsTheRunningDeployment_andStartsFromTheRunningRevision() {
        configure(canary(lambdaHook()));
        deploy("1.1.0");
        engine.progress(T0);
        var first = current();

        deploy("1.2.0");
        var emitted = engine.progress(T0.plusSeconds(10));

        assertThat(eventNames(emitted)).containsExactly("SERVICE_DEPLOYMENT_IN_PROGRESS");
        assertThat(describe(first.serviceDeploymentArn()).status()).isEqualTo(ServiceDeploymentStatus.STOPPED);
        var second = current();
        assertThat(second.serviceDeploymentArn()).isNotEqualTo(first.serviceDeploymentArn());
        assertThat(second.sourceServiceRevisions().getFirst().arn())
                .isEqualTo(first.sourceServiceRevisions().getFirst().arn());
        assertThat(traffic.weights(CLUSTER, "web")).isEqualTo("primary=90 (live) alternate=10");
    }

    @Test
    void rollingService_startsNoServiceDeployment() {
        deploy("1.1.0");

        assertThat(engine.progress(T0)).isEmpty();
        assertThat(aws.ecs().listServiceDeployments(r -> r.cluster(CLUSTER).service("web")).serviceDeployments()).isEmpty();
    }

    // --- the world

    private String targetGroup(String role, String vpc) {
        return world.elb().createTargetGroup(r -> r.name(CLUSTER + "-web-" + role).protocol("HTTP").port(8080)
                .vpcId(vpc).targetType("ip")).targetGroups().getFirst().targetGroupArn();
    }

    private static DeploymentLifecycleHook lambdaHook() {
        return DeploymentLifecycleHook.builder().targetType("AWS_LAMBDA").hookTargetArn(HookResponder.FUNCTION_ARN)
                .roleArn("arn:aws:iam::123456789012:role/shiplane-ecs-hooks")
                .lifecycleStages(DeploymentLifecycleHookStage.PRE_SCALE_UP,
                        DeploymentLifecycleHookStage.POST_TEST_TRAFFIC_SHIFT,
                        DeploymentLifecycleHookStage.PRODUCTION_TRAFFIC_SHIFT,
                        DeploymentLifecycleHookStage.POST_PRODUCTION_TRAFFIC_SHIFT).build();
    }

    private static DeploymentLifecycleHook pauseHook(int minutes) {
        return DeploymentLifecycleHook.builder().targetType("PAUSE")
                .lifecycleStages(DeploymentLifecycleHookStage.PRE_PRODUCTION_TRAFFIC_SHIFT)
                .timeoutConfiguration(t -> t.timeoutInMinutes(minutes).action("ROLLBACK")).build();
    }

    private static DeploymentConfiguration canary(DeploymentLifecycleHook... hooks) {
        return DeploymentConfiguration.builder().strategy("CANARY")
                .canaryConfiguration(c -> c.canaryPercent(10.0).canaryBakeTimeInMinutes(5)).bakeTimeInMinutes(5)
                .alarms(a -> a.alarmNames(ALARM).enable(true).rollback(true)).lifecycleHooks(hooks).build();
    }

    private void configure(DeploymentConfiguration configuration) {
        aws.ecs().updateService(r -> r.cluster(CLUSTER).service("web").deploymentConfiguration(configuration));
    }

    /** As shiplane's deploy function does: a new revision of the task definition, then UpdateService. */
    private String deploy(String version) {
        var current = aws.ecs().describeTaskDefinition(r -> r.taskDefinition(runningTaskDefinition())).taskDefinition();
        var td = aws.ecs().registerTaskDefinition(r -> r.family(current.family())
                .containerDefinitions(current.containerDefinitions().getFirst().toBuilder()
                        .image("monynha/web:" + version).build())
                .cpu(current.cpu()).memory(current.memory()).networkMode(current.networkMode())
                .requiresCompatibilitiesWithStrings(current.requiresCompatibilitiesAsStrings()))
                .taskDefinition().taskDefinitionArn();
        aws.ecs().updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(td));
        return td;
    }

    private String runningTaskDefinition() {
        return aws.ecs().describeServices(r -> r.cluster(CLUSTER).services("web")).services().getFirst().taskDefinition();
    }

    /** The service's current deployment, read through ECS's API as a product would. */
    private ServiceDeployment current() {
        var arn = aws.ecs().describeServices(r -> r.cluster(CLUSTER).services("web")).services().getFirst()
                .currentServiceDeployment();
        return describe(arn);
    }

    private ServiceDeployment describe(String arn) {
        return aws.ecs().describeServiceDeployments(r -> r.serviceDeploymentArns(arn)).serviceDeployments().getFirst();
    }

    private String revisionTaskDefinition(String revisionArn) {
        return aws.ecs().describeServiceRevisions(r -> r.serviceRevisionArns(revisionArn)).serviceRevisions().getFirst()
                .taskDefinition();
    }

    private static List<String> eventNames(List<EcsNativeController.Emitted> emitted) {
        return details(emitted).stream().map(d -> d.path("eventName").asText()).toList();
    }

    private static List<String> reasons(List<EcsNativeController.Emitted> emitted) {
        return details(emitted).stream().map(d -> d.path("reason").asText()).toList();
    }

    private static List<JsonNode> details(List<EcsNativeController.Emitted> emitted) {
        List<JsonNode> details = new ArrayList<>();
        for (var e : emitted) {
            if (e.event() != null) details.add(tree(e.event()).path("detail"));
        }
        return details;
    }

    private static JsonNode tree(byte[] event) {
        try {
            return JSON.readTree(event);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
