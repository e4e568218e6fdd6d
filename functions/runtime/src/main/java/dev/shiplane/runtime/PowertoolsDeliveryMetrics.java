package dev.shiplane.runtime;

import dev.shiplane.core.observability.DeliveryMetrics;
import java.time.Duration;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@link DeliveryMetrics} as CloudWatch embedded-metric-format lines through Powertools Metrics, flushed with the
 * invocation's other metrics by {@link EventFunctionHandler}. Dimension: the function's Powertools service name.
 */
public final class PowertoolsDeliveryMetrics implements DeliveryMetrics {

    public static final String DEPLOYMENT_DURATION = "DeploymentDurationSeconds";
    public static final String ROLLBACKS = "RollbacksPerformed";

    @Override
    public void deploymentSucceeded(String env, String service, Duration duration) {
        var metrics = MetricsFactory.getMetricsInstance();
        metrics.addMetric(DEPLOYMENT_DURATION, duration.toSeconds(), MetricUnit.SECONDS);
        metrics.addMetadata("deployment", env + "/" + service);
    }

    @Override
    public void rolledBack(String env, String service, String trigger) {
        var metrics = MetricsFactory.getMetricsInstance();
        metrics.addMetric(ROLLBACKS, 1, MetricUnit.COUNT);
        metrics.addMetadata("rollback", env + "/" + service + " (" + trigger + ")");
    }
}
