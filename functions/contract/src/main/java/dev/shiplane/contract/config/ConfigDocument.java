package dev.shiplane.contract.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code shiplane.yml} exactly as written, bound by {@link ConfigDocumentReader}. Unknown keys are rejected, so typos
 * never pass silently.
 */
record ConfigDocument(Integer version, LinkedHashMap<String, EnvironmentDocument> environments,
                      LinkedHashMap<String, ServiceDocument> services, RotationDocument rotation,
                      LinkedHashMap<String, FreezeDocument> freezes, ConcurrencyUseDocument concurrency) {

    /**
     * The reserved concurrency of shiplane's functions: a setting of the CDK app's delivery stack (infra-cdk's
     * {@code FunctionConcurrency}, which reads and checks all of it), accepted here so the functions read the same
     * file; no function uses a value of it.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConcurrencyUseDocument() {}

    record FreezeDocument(List<String> environments, String cron, String from, String until, String timeZone,
                          String reason) {}

    record RotationDocument(String schedule, LinkedHashMap<String, SecretDocument> secrets) {}

    record SecretDocument(String secretId, String type, String masterSecretId, List<String> consumers,
                          String gracePeriod, Integer length, Boolean excludePunctuation) {}

    record EnvironmentDocument(String cluster, TagPolicyDocument tagPolicy, String promoteFrom, String promoteAfter,
                               ScanGateDocument scanGate, PlatformUseDocument platform, String checkEndpoint,
                               String approval, String approvalTimeout, List<OperatorGrantDocument> operators,
                               String account) {}

    /** One entry of an environment's operators: {@code actions} (or {@code all}) for {@code principals}. */
    record OperatorGrantDocument(@JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> actions,
                                 List<String> principals) {}

    record ScanGateDocument(String maxSeverity, String mode, String timeout) {}

    /**
     * The two values of an environment's {@code platform} block the functions use: {@code domain}, which the checks
     * reach when no {@code checkEndpoint} is given, and each service's live task count. The block is the CDK app's
     * (infra-cdk's {@code PlatformSpec}), which reads and checks all of it, so its other keys are ignored here.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PlatformUseDocument(String domain, LinkedHashMap<String, TaskCountDocument> tasks) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TaskCountDocument(Integer desiredCount) {}

    record TagPolicyDocument(String semver, Boolean includePrerelease, String glob, String regex, Boolean any,
                             Boolean allowLatest, Boolean allowUntagged) {}

    record ServiceDocument(String repository, List<String> repositories, String container, String ecsService,
                           String strategy, List<String> alarms, List<String> environments, List<Integer> steps,
                           String bake, LinearDocument linear, BlueGreenDocument blueGreen,
                           List<CheckDocument> checks, String engine, String taskRole, String executionRole,
                           TagPolicyDocument tagPolicy, Integer keepRevisions, String ecrAccount) {}

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
