package dev.shiplane.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.synthetics.ArtifactsBucketLocation;
import software.amazon.awscdk.services.synthetics.Canary;
import software.amazon.awscdk.services.synthetics.Code;
import software.amazon.awscdk.services.synthetics.CustomTestOptions;
import software.amazon.awscdk.services.synthetics.Runtime;
import software.amazon.awscdk.services.synthetics.Schedule;
import software.amazon.awscdk.services.synthetics.Test;
import software.constructs.Construct;

/**
 * The synthetic check of one environment (child {@code SyntheticMonitoring} of its {@link ServicePlatform}): a
 * CloudWatch Synthetics canary (child {@code Canary}) that requests, on the schedule of the platform block's
 * {@code synthetics.every} (the seed's 15 minutes by default), every check the environment's services declare, on
 * the live service (their URLs under the environment's {@code checkEndpoint}, as the checks function reaches them,
 * without the colour header), and expects what each check expects (status, JSON field, answer within its
 * timeout). Its alarm (child {@code Alarm}) is named {@code <env>}{@value #ALARM_SUFFIX}: a service lists it among
 * its {@code alarms} ({@code "{env}-synthetics"}) to make it a gate, which the canary function reads at each step and
 * whose {@code ALARM} rolls back a deployment still in its bake, as any other gate alarm.
 *
 * <p>The canary's run artifacts (its logs and HAR files) go to a bucket of their own (child {@code Artifacts}):
 * encrypted, SSL only, expiring after {@value #ARTIFACT_DAYS} days, its server access logs in the platform's
 * access-log bucket.
 */
final class SyntheticMonitoring extends Construct {

    static final String ALARM_SUFFIX = "-synthetics";
    /** The environment variable carrying the checks to the canary script. */
    static final String CHECKS_VARIABLE = "SHIPLANE_CHECKS";
    static final String SCRIPT = "synthetic-check.js";
    static final int ARTIFACT_DAYS = 30;
    /** Synthetics' limit on a canary's name: lower-case letters, digits, - and _, at most 21 characters. */
    static final int MAX_CANARY_NAME = 21;
    /**
     * The newest Node.js runtime CDK names; the script uses its {@code Synthetics} module (renamed
     * {@code @aws/synthetics-puppeteer} from syn-nodejs-puppeteer-13.1 on: change both together).
     */
    static final Runtime RUNTIME = Runtime.SYNTHETICS_NODEJS_PUPPETEER_13_0;

    /** One request of a run: a declared check, at its URL for the environment. */
    record Request(String step, String url, int status, String field, String equals, long timeoutMillis) {}

    private final Canary canary;
    private final Alarm alarm;
    private final String alarmName;

    private SyntheticMonitoring(Construct scope, String id, EnvironmentSpec env, PlatformSpec.Synthetics settings,
                                List<Request> requests, IBucket accessLogs) {
        super(scope, id);
        alarmName = alarmName(env);
        var artifacts = Bucket.Builder.create(this, "Artifacts")
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("synthetics/")
                .lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(ARTIFACT_DAYS)).build()))
                .build();
        var every = Duration.minutes(settings.interval().toMinutes());
        canary = Canary.Builder.create(this, "Canary")
                .canaryName(canaryName(env.name()))
                .runtime(RUNTIME)
                .test(Test.custom(CustomTestOptions.builder()
                        .code(Code.fromInline(script()))
                        .handler("index.handler")
                        .build()))
                .schedule(Schedule.rate(every))
                .environmentVariables(Map.of(CHECKS_VARIABLE, json(requests)))
                .artifactsBucketLocation(ArtifactsBucketLocation.builder().bucket(artifacts).prefix("runs").build())
                .successRetentionPeriod(Duration.days(ARTIFACT_DAYS))
                .failureRetentionPeriod(Duration.days(ARTIFACT_DAYS))
                .build();
        NagSuppressions.addResourceSuppressions(canary, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("The role CDK's Canary makes: Synthetics lists buckets (s3:ListAllMyBuckets acts on * only),"
                        + " writes run artifacts under its own bucket's prefix, logs to the /aws/lambda/cwsyn-*"
                        + " groups Synthetics names at run time, and puts metrics limited to the"
                        + " CloudWatchSynthetics namespace by condition")
                .build()), true);
        // One period per scheduled run: a failed run is one breaching datapoint. A run that did not happen (the
        // canary stopped) is no evidence about the service, as for the other gate alarms.
        alarm = Alarm.Builder.create(this, "Alarm")
                .alarmName(alarmName)
                .alarmDescription(env.name() + ": the synthetic check failed (a declared check of a service, on the"
                        + " live service)")
                .metric(canary.metricSuccessPercent(MetricOptions.builder()
                        .statistic("Average").period(every).build()))
                .threshold(100)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .datapointsToAlarm(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    /**
     * The environment's synthetic check, or none when its platform block turns it off or no service of the
     * environment declares a check (the canary would request nothing).
     */
    static Optional<SyntheticMonitoring> of(Construct scope, String id, EnvironmentSpec env, PlatformSpec platform,
                                            List<ServiceSpec> services, IBucket accessLogs) {
        if (!platform.synthetics().enabled()) return Optional.empty();
        var requests = requests(env, services);
        if (requests.isEmpty()) return Optional.empty();
        return Optional.of(new SyntheticMonitoring(scope, id, env, platform.synthetics(), requests, accessLogs));
    }

    /** Every declared check of the services, once per URL and expectation (two services may share a health URL). */
    static List<Request> requests(EnvironmentSpec env, List<ServiceSpec> services) {
        Map<List<Object>, Request> unique = new LinkedHashMap<>();
        for (var service : services) {
            for (var check : service.checks()) {
                var url = env.checkUrl(check);
                var key = List.<Object>of(url, check.expectedStatus(), String.valueOf(check.jsonField()),
                        String.valueOf(check.expectedValue()));
                unique.putIfAbsent(key, new Request(service.name() + "-" + check.name(), url, check.expectedStatus(),
                        check.jsonField(), check.expectedValue(), check.timeout().toMillis()));
            }
        }
        return new ArrayList<>(unique.values());
    }

    /** The alarm's name: what a service lists as {@code "{env}-synthetics"}, resolved. */
    static String alarmName(EnvironmentSpec env) {
        return env.name() + ALARM_SUFFIX;
    }

    /**
     * {@code <env>-synthetics}, lower-cased. A name too long for Synthetics' 21 characters keeps its start and four hex
     * digits of the whole name's hash, so that two environments alike at the start ({@code production-eu},
     * {@code production-us}) still get canaries of their own.
     */
    static String canaryName(String environment) {
        var base = environment.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        var room = MAX_CANARY_NAME - ALARM_SUFFIX.length();
        if (base.length() <= room) return base + ALARM_SUFFIX;
        var hash = String.format(java.util.Locale.ROOT, "%04x", environment.hashCode() & 0xffff);
        return base.substring(0, room - hash.length() - 1) + "-" + hash + ALARM_SUFFIX;
    }

    private static String json(List<Request> requests) {
        try {
            return new ObjectMapper().writeValueAsString(requests);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the synthetic check's requests cannot be written as JSON", e);
        }
    }

    private static String script() {
        try (InputStream in = SyntheticMonitoring.class.getResourceAsStream(SCRIPT)) {
            if (in == null) throw new IllegalStateException(SCRIPT + " is missing from infra-cdk's resources");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Canary canary() {
        return canary;
    }

    IAlarm alarm() {
        return alarm;
    }

    String alarmName() {
        return alarmName;
    }
}
