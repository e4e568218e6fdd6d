package dev.shiplane.contract.config;

import java.util.LinkedHashMap;
import java.util.List;

/** {@code shiplane.yml} exactly as written. Unknown keys are rejected by the loader, so typos never pass silently. */
record ConfigDocument(Integer version, LinkedHashMap<String, EnvironmentDocument> environments,
                      LinkedHashMap<String, ServiceDocument> services) {

    record EnvironmentDocument(String cluster, TagPolicyDocument tagPolicy) {}

    record TagPolicyDocument(String semver, Boolean includePrerelease, String glob, String regex, Boolean any,
                             Boolean allowLatest, Boolean allowUntagged) {}

    record ServiceDocument(String repository, List<String> repositories, String container, String ecsService,
                           String strategy, List<String> alarms, List<String> environments) {}
}
