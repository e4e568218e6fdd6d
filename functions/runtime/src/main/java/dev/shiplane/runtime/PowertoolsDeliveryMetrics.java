package dev.shiplane.runtime;

import dev.shiplane.core.observability.DeliveryMetrics;
import dev.shiplane.core.dora.LeadTime;
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
    /** DORA: lead time for changes, commit → deployment succeeded, or push → succeeded when the image names no commit time. */
    public static final String LEAD_TIME = "LeadTimeSeconds";
    /** DORA: one per deployment whose lead time runs from the commit (the rest of {@link #DEPLOYMENT_COUNT} from the push). */
    public static final String LEAD_TIME_FROM_COMMIT_COUNT = "LeadTimeFromCommitCount";
    /** Image push → deployment succeeded, whatever the image says of its commit. */
    public static final String PUSH_TO_LIVE = "PushToLiveSeconds";
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
    public void deploymentSucceeded(String env, String service, Duration duration, LeadTime leadTime,
                                    Duration pushToLive) {
        metrics.flushMetrics(line -> {
            line.addMetadata("deployment", env + "/" + service);
            line.addMetric(DEPLOYMENT_DURATION, duration.toSeconds(), MetricUnit.SECONDS);
        });
        metrics.flushMetrics(line -> {
            line.setDefaultDimensions(DimensionSet.of(ENV_DIMENSION, env, SERVICE_DIMENSION, service));
            line.addMetric(DEPLOYMENT_COUNT, 1, MetricUnit.COUNT);
            if (leadTime != null) {
                line.addMetadata("leadTimeFrom", leadTime.from().code());
                line.addMetric(LEAD_TIME, leadTime.duration().toSeconds(), MetricUnit.SECONDS);
                if (leadTime.from() == LeadTime.From.COMMIT) {
                    line.addMetric(LEAD_TIME_FROM_COMMIT_COUNT, 1, MetricUnit.COUNT);
                }
            }
            if (pushToLive != null) line.addMetric(PUSH_TO_LIVE, pushToLive.toSeconds(), MetricUnit.SECONDS);
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
