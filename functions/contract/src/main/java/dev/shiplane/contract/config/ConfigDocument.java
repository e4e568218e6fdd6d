package dev.shiplane.contract.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code shiplane.yml} exactly as written, bound by {@link ConfigDocumentReader}. Unknown keys are rejected, so typos
 * never pass silently.
 */
record ConfigDocument(Integer version, LinkedHashMap<String, EnvironmentDocument> environments,
                      LinkedHashMap<String, ServiceDocument> services, RotationDocument rotation,
                      LinkedHashMap<String, FreezeDocument> freezes) {

    record FreezeDocument(List<String> environments, String cron, String from, String until, String timeZone,
                          String reason) {}

    record RotationDocument(String schedule, LinkedHashMap<String, SecretDocument> secrets) {}

    record SecretDocument(String secretId, String type, String masterSecretId, List<String> consumers,
                          String gracePeriod, Integer length, Boolean excludePunctuation) {}

    record EnvironmentDocument(String cluster, TagPolicyDocument tagPolicy, String promoteFrom, String promoteAfter,
                               ScanGateDocument scanGate, PlatformDocument platform, String checkEndpoint,
                               String approval, String approvalTimeout) {}

    record ScanGateDocument(String maxSeverity, String mode, String timeout) {}

    /** Read by the CDK app's ServiceInfra stack only; see {@code PlatformSpec}. */
    record PlatformDocument(String certificateArn, String domain, List<String> availabilityZones, Integer natGateways,
                            DatabaseDocument database, CacheDocument cache, LinkedHashMap<String, TaskDocument> tasks,
                            Integer logRetentionDays) {}

    record DatabaseDocument(String instanceClass, Integer storageGb, Boolean multiAz, Boolean deletionProtection,
                            Integer backupDays) {}

    record CacheDocument(String nodeType, Integer nodes) {}

    record TaskDocument(Integer cpu, Integer memory, Integer desiredCount, Integer containerPort, String healthCheckPath,
                        List<String> paths) {}

    record TagPolicyDocument(String semver, Boolean includePrerelease, String glob, String regex, Boolean any,
                             Boolean allowLatest, Boolean allowUntagged) {}

    record ServiceDocument(String repository, List<String> repositories, String container, String ecsService,
                           String strategy, List<String> alarms, List<String> environments, List<Integer> steps,
                           String bake, LinearDocument linear, BlueGreenDocument blueGreen,
                           List<CheckDocument> checks, String engine, String taskRole, String executionRole,
                           TagPolicyDocument tagPolicy) {}

    /** One health or smoke check; {@code when} is one phase or a list of them. */
    record CheckDocument(String name,
                         @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> when,
                         String path, Integer status, JsonExpectation json, String timeout, Integer attempts,
                         String retryEvery) {}

    /** The body must be JSON whose {@code field} (a JSON Pointer, {@code /status}) holds {@code equals}. */
    record JsonExpectation(String field, String equals) {}

    record LinearDocument(Integer increment, String every) {}

    record BlueGreenDocument(String blueService, String greenService, String blueTargetGroup, String greenTargetGroup) {}
}
