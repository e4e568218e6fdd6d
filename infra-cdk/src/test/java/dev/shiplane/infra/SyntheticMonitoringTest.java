package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The synthetic check: a CloudWatch Synthetics canary per environment requesting the services' declared checks on the
 * live service, on the platform block's schedule, and its alarm {@code <env>-synthetics}, which a service lists among
 * its gate alarms like any other.
 */
class SyntheticMonitoringTest {

    private static final String CONFIG = """
            environments:
              staging:
                cluster: monynha-staging
                tagPolicy: {any: true}
                platform:
                  certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/0f6c2b1e-3d4a-4b5c-8e9f-a1b2c3d4e5f6
                  domain: origin.staging.monynha.dev
                  tasks:
                    web: {paths: ["/*"]}
                  SYNTHETICS
            services:
              web:
                repositories: [monynha/web]
                container: web
                engine: ecs
                strategy: canary
                steps: [10, 100]
                alarms: ["{env}-{service}-5xx", "{env}-{service}-health", "{env}-synthetics"]
                checks:
                  - {name: health, path: /api/health, json: {field: /status, equals: ok}, timeout: 2s}
              api:
                repositories: [monynha/api]
                container: api
                strategy: canary
                alarms: ["{env}-{service}-5xx"]
                checks:
                  - {name: health, path: /api/health, json: {field: /status, equals: ok}, timeout: 2s}
                  - {name: version, path: "https://status.example.com/{env}/version", status: 204, timeout: 5s}
            """;

    private static Template platform(String synthetics) {
        var config = InfraConfig.parse(CONFIG.replace("SYNTHETICS", synthetics), "shiplane.yml");
        var stack = new ServiceInfraStack(new App(), ServicePlatformProps.of(config, "staging"));
        return Template.fromStack(stack);
    }

    @Test
    void repositoryConfig_runsTheCanaryEvery15Minutes_andApiListsItsAlarmAsAGate() {
        var staging = SynthesizedApp.get().template(ServiceInfraStack.nameFor("staging"));

        staging.hasResourceProperties("AWS::Synthetics::Canary", Map.of(
                "Name", "staging-synthetics",
                "Schedule", Match.objectLike(Map.of("Expression", "rate(15 minutes)")),
                "StartCanaryAfterCreation", true));
        staging.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "staging-synthetics",
                "Namespace", "CloudWatchSynthetics",
                "MetricName", "SuccessPercent",
                "Period", 900));
        // The rollback function of each environment's account hears its alarm like the other gates of api.
        for (var placed : Map.of("staging", SynthesizedApp.STAGING_DELIVERY,
                "prod", SynthesizedApp.PROD_DELIVERY).entrySet()) {
            SynthesizedApp.get().template(placed.getValue()).hasResourceProperties("AWS::Events::Rule",
                    Map.of("EventPattern", Match.objectLike(Map.of(
                            "detail-type", List.of("CloudWatch Alarm State Change"),
                            "detail", Match.objectLike(Map.of("alarmName", Match.arrayWith(List.of(
                                    placed.getKey() + "-synthetics"))))))));
        }
    }

    @Test
    void canary_requestsEachDeclaredCheckOnce_onTheLiveService_expectingWhatTheCheckExpects() throws Exception {
        var template = platform("synthetics: {every: 5m}");

        var canaries = template.findResources("AWS::Synthetics::Canary");
        assertThat(canaries).hasSize(1);
        @SuppressWarnings("unchecked")
        var properties = (Map<String, Object>) ((Map<String, Object>) canaries.values().iterator().next())
                .get("Properties");
        assertThat(properties).containsEntry("Name", "staging-synthetics")
                .containsEntry("Schedule", Map.of("Expression", "rate(5 minutes)", "DurationInSeconds", "0"))
                .containsEntry("RuntimeVersion", SyntheticMonitoring.RUNTIME.getName());
        @SuppressWarnings("unchecked")
        var code = (Map<String, Object>) properties.get("Code");
        assertThat(code).containsEntry("Handler", "index.handler");
        assertThat((String) code.get("Script")).contains("executeHttpStep").contains(SyntheticMonitoring.CHECKS_VARIABLE);
        @SuppressWarnings("unchecked")
        var variables = (Map<String, String>) ((Map<String, Object>) properties.get("RunConfig"))
                .get("EnvironmentVariables");
        var requests = new ObjectMapper().readTree(variables.get(SyntheticMonitoring.CHECKS_VARIABLE));
        // web and api share /api/health: requested once; api's absolute URL has {env} filled in.
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).get("step").asText()).isEqualTo("web-health");
        assertThat(requests.get(0).get("url").asText()).isEqualTo("https://origin.staging.monynha.dev/api/health");
        assertThat(requests.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(requests.get(0).get("field").asText()).isEqualTo("/status");
        assertThat(requests.get(0).get("equals").asText()).isEqualTo("ok");
        assertThat(requests.get(0).get("timeoutMillis").asLong()).isEqualTo(2000);
        assertThat(requests.get(1).get("url").asText()).isEqualTo("https://status.example.com/staging/version");
        assertThat(requests.get(1).get("status").asInt()).isEqualTo(204);
        assertThat(requests.get(1).get("field").isNull()).isTrue();
    }

    @Test
    void alarm_firesOnTheFirstFailedRun_overOneScheduledPeriod() {
        var template = platform("synthetics: {every: 5m}");

        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "staging-synthetics",
                "Namespace", "CloudWatchSynthetics",
                "MetricName", "SuccessPercent",
                "Dimensions", List.of(Match.objectLike(Map.of("Name", "CanaryName"))),
                "Statistic", "Average",
                "Period", 300));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "staging-synthetics",
                "Threshold", 100,
                "ComparisonOperator", "LessThanThreshold",
                "EvaluationPeriods", 1,
                "DatapointsToAlarm", 1,
                "TreatMissingData", "notBreaching"));
    }

    @Test
    void alarmListedAsAGate_joinsTheServicesComposite_andEcsWatchesIt() {
        var template = platform("");

        template.hasResourceProperties("AWS::CloudWatch::CompositeAlarm", Map.of(
                "AlarmName", "staging-web-health",
                "AlarmRule", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("SyntheticMonitoringAlarm.*"), "Arn"))))))));
        template.hasResourceProperties("AWS::ECS::Service", Map.of(
                "ServiceName", "web",
                "DeploymentConfiguration", Match.objectLike(Map.of("Alarms", Match.objectLike(Map.of(
                        "AlarmNames", Match.arrayWith(List.of("staging-synthetics"))))))));
        // Created once for the environment, not once per service that lists it.
        assertThat(template.findResources("AWS::CloudWatch::Alarm",
                Map.of("Properties", Map.of("AlarmName", "staging-synthetics")))).hasSize(1);
    }

    @Test
    void artifacts_goToAnEncryptedSslOnlyBucket_thatExpiresThem_andLogsAccessToThePlatformsLogBucket() {
        platform("").hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "LoggingConfiguration", Map.of(
                        "DestinationBucketName", Map.of("Ref", Match.stringLikeRegexp("PlatformNetworkAccessLogs.*")),
                        "LogFilePrefix", "synthetics/"),
                "LifecycleConfiguration", Map.of("Rules", List.of(Match.objectLike(Map.of(
                        "ExpirationInDays", SyntheticMonitoring.ARTIFACT_DAYS))))));
    }

    @Test
    void turnedOff_thereIsNoCanary_andAServiceListingItsAlarmIsWarned() {
        var config = InfraConfig.parse(CONFIG.replace("SYNTHETICS", "synthetics: {enabled: false}"), "shiplane.yml");
        var stack = new ServiceInfraStack(new App(), ServicePlatformProps.of(config, "staging"));

        Template.fromStack(stack).resourceCountIs("AWS::Synthetics::Canary", 0);
        Annotations.fromStack(stack).hasWarning("*", Match.stringLikeRegexp(
                ".*gate alarm 'staging-synthetics' of web names a synthetic check this platform does not run.*"));
    }

    @Test
    void canaryName_fitsSyntheticsLimit_forALongEnvironmentName() {
        assertThat(SyntheticMonitoring.canaryName("staging")).isEqualTo("staging-synthetics");
        assertThat(SyntheticMonitoring.canaryName("Production_EU.west"))
                .matches("produ-[0-9a-f]{4}-synthetics").hasSizeLessThanOrEqualTo(SyntheticMonitoring.MAX_CANARY_NAME);
        assertThat(SyntheticMonitoring.canaryName("production-eu")).as("alike at the start, yet their own")
                .isNotEqualTo(SyntheticMonitoring.canaryName("production-us"))
                .hasSizeLessThanOrEqualTo(SyntheticMonitoring.MAX_CANARY_NAME);
    }
}
