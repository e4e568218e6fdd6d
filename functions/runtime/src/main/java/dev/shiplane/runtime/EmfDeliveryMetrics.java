package dev.shiplane.runtime;

import dev.shiplane.core.observability.DeliveryMetrics;
import dev.shiplane.runtime.EmbeddedMetrics.Metric;
import dev.shiplane.runtime.EmbeddedMetrics.Unit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link DeliveryMetrics} as CloudWatch embedded-metric-format lines ({@link EmbeddedMetrics}).
 *
 * <p>The operational metrics ({@value #DEPLOYMENT_DURATION}, {@value #ROLLBACKS}) carry the function's own dimension
 * {@code Service} (its service name), which the dashboard and the rollbacks alarm select on. The DORA metrics carry
 * the dimensions {@value #ENV_DIMENSION} and {@value #SERVICE_DIMENSION} (the deployed environment and service) and
 * nothing else, which the dashboard's {@code SEARCH('{shiplane,env,service} …')} relies on: one invocation can roll
 * back every service of an environment, and each needs its own dimension values.
 */
public final class EmfDeliveryMetrics implements DeliveryMetrics {

    public static final String DEPLOYMENT_DURATION = "DeploymentDurationSeconds";
    public static final String ROLLBACKS = "RollbacksPerformed";
    /** DORA: one per deployment that succeeded (deployment frequency). */
    public static final String DEPLOYMENT_COUNT = "DeploymentCount";
    /** DORA: image push → deployment succeeded. */
    public static final String LEAD_TIME = "LeadTimeSeconds";
    /** DORA: one per deployment rolled back (change failure rate = failures / (deployments + failures)). */
    public static final String CHANGE_FAILURE_COUNT = "ChangeFailureCount";
    /** DORA: alarm (or rollback request) → rolled back. */
    public static final String TIME_TO_RESTORE = "TimeToRestoreSeconds";
    public static final String ENV_DIMENSION = "env";
    public static final String SERVICE_DIMENSION = "service";

    private final EmbeddedMetrics metrics;

    public EmfDeliveryMetrics(EmbeddedMetrics metrics) {
        this.metrics = metrics;
    }

    /** @param env the function's environment ({@link EmbeddedMetrics} names the variables it reads) */
    public EmfDeliveryMetrics(Map<String, String> env) {
        this(EmbeddedMetrics.fromEnvironment(env));
    }

    @Override
    public void deploymentSucceeded(String env, String service, Duration duration, Duration leadTime) {
        metrics.emitForFunction(List.of(new Metric(DEPLOYMENT_DURATION, duration.toSeconds(), Unit.SECONDS)),
                Map.of("deployment", env + "/" + service));
        var dora = new ArrayList<Metric>();
        dora.add(Metric.count(DEPLOYMENT_COUNT));
        if (leadTime != null) dora.add(new Metric(LEAD_TIME, leadTime.toSeconds(), Unit.SECONDS));
        metrics.emit(dimensions(env, service), dora, Map.of());
    }

    @Override
    public void rolledBack(String env, String service, String trigger, Duration timeToRestore) {
        metrics.emitForFunction(List.of(Metric.count(ROLLBACKS)),
                Map.of("rollback", env + "/" + service + " (" + trigger + ")"));
        metrics.emit(dimensions(env, service), List.of(Metric.count(CHANGE_FAILURE_COUNT),
                new Metric(TIME_TO_RESTORE, timeToRestore.toSeconds(), Unit.SECONDS)), Map.of());
    }

    private static Map<String, String> dimensions(String env, String service) {
        var dimensions = new LinkedHashMap<String, String>();
        dimensions.put(ENV_DIMENSION, env);
        dimensions.put(SERVICE_DIMENSION, service);
        return dimensions;
    }
}
