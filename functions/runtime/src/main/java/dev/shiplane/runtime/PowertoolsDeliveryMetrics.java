package dev.shiplane.runtime;

import dev.shiplane.core.observability.DeliveryMetrics;
import java.time.Duration;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@link DeliveryMetrics} as CloudWatch embedded-metric-format lines through Powertools Metrics.
 *
 * <p>The operational metrics ({@value #DEPLOYMENT_DURATION}, {@value #ROLLBACKS}) are flushed with the invocation's
 * other metrics by {@link EventFunctionHandler}, under the function's Powertools service name. The DORA metrics are
 * one EMF line each, with the dimensions {@value #ENV_DIMENSION} and {@value #SERVICE_DIMENSION} (the deployed
 * environment and service): one invocation can roll back every service of an environment, and each needs its own
 * dimension values.
 */
public final class PowertoolsDeliveryMetrics implements DeliveryMetrics {

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

    private final String namespace;

    /** @param namespace the CloudWatch namespace ({@code POWERTOOLS_METRICS_NAMESPACE}, default {@code shiplane}) */
    public PowertoolsDeliveryMetrics(String namespace) {
        this.namespace = namespace;
    }

    public PowertoolsDeliveryMetrics(Map<String, String> env) {
        this(env.getOrDefault("POWERTOOLS_METRICS_NAMESPACE", "shiplane"));
    }

    @Override
    public void deploymentSucceeded(String env, String service, Duration duration, Duration leadTime) {
        var metrics = MetricsFactory.getMetricsInstance();
        metrics.addMetric(DEPLOYMENT_DURATION, duration.toSeconds(), MetricUnit.SECONDS);
        metrics.addMetadata("deployment", env + "/" + service);
        metrics.flushSingleMetric(DEPLOYMENT_COUNT, 1, MetricUnit.COUNT, namespace, dimensions(env, service));
        if (leadTime != null) {
            metrics.flushSingleMetric(LEAD_TIME, leadTime.toSeconds(), MetricUnit.SECONDS, namespace,
                    dimensions(env, service));
        }
    }

    @Override
    public void rolledBack(String env, String service, String trigger, Duration timeToRestore) {
        var metrics = MetricsFactory.getMetricsInstance();
        metrics.addMetric(ROLLBACKS, 1, MetricUnit.COUNT);
        metrics.addMetadata("rollback", env + "/" + service + " (" + trigger + ")");
        metrics.flushSingleMetric(CHANGE_FAILURE_COUNT, 1, MetricUnit.COUNT, namespace, dimensions(env, service));
        metrics.flushSingleMetric(TIME_TO_RESTORE, timeToRestore.toSeconds(), MetricUnit.SECONDS, namespace,
                dimensions(env, service));
    }

    private static DimensionSet dimensions(String env, String service) {
        return DimensionSet.of(ENV_DIMENSION, env, SERVICE_DIMENSION, service);
    }
}
