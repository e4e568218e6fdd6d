package dev.shiplane.runtime;

import dev.shiplane.core.observability.DeliveryMetrics;
import java.time.Duration;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@link DeliveryMetrics} through Powertools, each fact as its own embedded-metric-format line (one invocation can roll
 * back every service of an environment, and each needs its own dimension values and metadata).
 *
 * <p>The operational metrics ({@value #DEPLOYMENT_DURATION}, {@value #ROLLBACKS}) carry the function's default
 * dimension {@code Service}, which the dashboard and the rollbacks alarm select on. The DORA metrics carry exactly
 * {@value #ENV_DIMENSION} and {@value #SERVICE_DIMENSION} (the deployed environment and service), which the
 * dashboard's {@code SEARCH('{shiplane,env,service} …')} relies on.
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

    private final Metrics metrics;

    public PowertoolsDeliveryMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    /** @param env the function's environment ({@link ShiplaneMetrics} names the variables it reads) */
    public PowertoolsDeliveryMetrics(java.util.Map<String, String> env) {
        this(ShiplaneMetrics.configure(env));
    }

    @Override
    public void deploymentSucceeded(String env, String service, Duration duration, Duration leadTime) {
        metrics.flushMetrics(line -> {
            line.addMetadata("deployment", env + "/" + service);
            line.addMetric(DEPLOYMENT_DURATION, duration.toSeconds(), MetricUnit.SECONDS);
        });
        metrics.flushMetrics(line -> {
            line.setDefaultDimensions(DimensionSet.of(ENV_DIMENSION, env, SERVICE_DIMENSION, service));
            line.addMetric(DEPLOYMENT_COUNT, 1, MetricUnit.COUNT);
            if (leadTime != null) line.addMetric(LEAD_TIME, leadTime.toSeconds(), MetricUnit.SECONDS);
        });
    }

    @Override
    public void rolledBack(String env, String service, String trigger, Duration timeToRestore) {
        metrics.flushMetrics(line -> {
            line.addMetadata("rollback", env + "/" + service + " (" + trigger + ")");
            line.addMetric(ROLLBACKS, 1, MetricUnit.COUNT);
        });
        metrics.flushMetrics(line -> {
            line.setDefaultDimensions(DimensionSet.of(ENV_DIMENSION, env, SERVICE_DIMENSION, service));
            line.addMetric(CHANGE_FAILURE_COUNT, 1, MetricUnit.COUNT);
            line.addMetric(TIME_TO_RESTORE, timeToRestore.toSeconds(), MetricUnit.SECONDS);
        });
    }
}
