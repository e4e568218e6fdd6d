package dev.shiplane.infra;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code platform} block of each environment of {@code shiplane.yml}, exactly as written, bound by the contract
 * module's reader (so a typo or a value of the wrong shape is refused with its line, as in the rest of the file). The
 * keys around the blocks are the functions' loader's, which reads and checks them; they are skipped here.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record PlatformSections(LinkedHashMap<String, EnvironmentSection> environments) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record EnvironmentSection(PlatformDocument platform) {}

    record PlatformDocument(String certificateArn, String domain, List<String> availabilityZones, Integer natGateways,
                            DatabaseDocument database, CacheDocument cache, LinkedHashMap<String, TaskDocument> tasks,
                            Integer logRetentionDays, SyntheticsDocument synthetics) {

        /** Absent values take {@link PlatformSpec}'s defaults; {@link PlatformSpec#problems} checks the result. */
        PlatformSpec spec() {
            var dbDefault = PlatformSpec.Database.DEFAULT;
            var db = database == null ? dbDefault : new PlatformSpec.Database(
                    or(database.instanceClass(), dbDefault.instanceClass()), or(database.storageGb(), dbDefault.storageGb()),
                    or(database.multiAz(), dbDefault.multiAz()),
                    or(database.deletionProtection(), dbDefault.deletionProtection()),
                    or(database.backupDays(), dbDefault.backupDays()));
            var cacheDefault = PlatformSpec.Cache.DEFAULT;
            var redis = cache == null ? cacheDefault
                    : new PlatformSpec.Cache(or(cache.nodeType(), cacheDefault.nodeType()), or(cache.nodes(), cacheDefault.nodes()));
            Map<String, PlatformSpec.Task> sizes = new LinkedHashMap<>();
            var defaultTask = PlatformSpec.Task.DEFAULT;
            if (tasks != null && tasks.get(PlatformSpec.DEFAULT_TASK_KEY) != null) {
                defaultTask = tasks.get(PlatformSpec.DEFAULT_TASK_KEY).task(PlatformSpec.Task.DEFAULT);
            }
            sizes.put(PlatformSpec.DEFAULT_TASK_KEY, defaultTask);
            if (tasks != null) {
                for (var entry : tasks.entrySet()) {
                    if (entry.getKey().equals(PlatformSpec.DEFAULT_TASK_KEY)) continue;
                    // A service's entry fills its gaps from the environment's default entry, not from the built-in one.
                    sizes.put(entry.getKey(), entry.getValue() == null ? defaultTask : entry.getValue().task(defaultTask));
                }
            }
            return new PlatformSpec(certificateArn, domain, availabilityZones,
                    or(natGateways, PlatformSpec.DEFAULT_NAT_GATEWAYS),
                    db, redis, sizes, or(logRetentionDays, PlatformSpec.DEFAULT_LOG_RETENTION_DAYS),
                    synthetics == null ? PlatformSpec.Synthetics.DEFAULT : new PlatformSpec.Synthetics(
                            or(synthetics.enabled(), PlatformSpec.Synthetics.DEFAULT.enabled()),
                            or(synthetics.every(), PlatformSpec.Synthetics.DEFAULT.every())));
        }
    }

    record DatabaseDocument(String instanceClass, Integer storageGb, Boolean multiAz, Boolean deletionProtection,
                            Integer backupDays) {}

    record CacheDocument(String nodeType, Integer nodes) {}

    record SyntheticsDocument(Boolean enabled, String every) {}

    record TaskDocument(Integer cpu, Integer memory, Integer desiredCount, Integer containerPort, String healthCheckPath,
                        List<String> paths) {

        PlatformSpec.Task task(PlatformSpec.Task defaults) {
            return new PlatformSpec.Task(or(cpu, defaults.cpu()), or(memory, defaults.memory()),
                    or(desiredCount, defaults.desiredCount()), or(containerPort, defaults.containerPort()),
                    // Paths are never inherited: two services cannot share a listener path.
                    or(healthCheckPath, defaults.healthCheckPath()), or(paths, List.of()));
        }
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
