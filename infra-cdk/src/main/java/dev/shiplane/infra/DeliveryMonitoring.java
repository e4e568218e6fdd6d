package dev.shiplane.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Alarms and a dashboard for shiplane itself. Each function added with {@link #addFunction} gets alarms on errors
 * ({@code shiplane-<name>-errors}), throttles ({@code shiplane-<name>-throttles}) and, when it has one, a non-empty
 * dead-letter queue ({@code shiplane-<name>-dead-letters}); one more alarm ({@code shiplane-rollbacks}) tells when
 * the rollback function acted. Every alarm notifies the topic. The dashboard (child {@code Dashboard}) graphs the
 * same, plus how long deployments take.
 */
public final class DeliveryMonitoring extends Construct {

    static final String NAMESPACE = SnapStartJavaFunction.METRICS_NAMESPACE;
    /**
     * Seconds from shiplane's UpdateService to ECS's SERVICE_DEPLOYMENT_COMPLETED, as the deploy function reports
     * them in {@code Deployment Succeeded}; the dashboard reads it as a Powertools metric with dimension
     * {@code Service}.
     */
    static final String DEPLOYMENT_DURATION_METRIC = "DeploymentDurationSeconds";
    /** Rollbacks announced (Deployment Rolled Back), as the rollback and canary functions report them. */
    static final String ROLLBACKS_METRIC = "RollbacksPerformed";
    private static final Duration PERIOD = Duration.minutes(5);

    private final ITopic topic;
    private final Dashboard dashboard;
    private final GraphWidget errors;
    private final GraphWidget throttles;
    private final GraphWidget deadLetters;
    private final List<IAlarm> alarms = new ArrayList<>();

    /** @param topic where every alarm notifies */
    public DeliveryMonitoring(Construct scope, String id, ITopic topic) {
        super(scope, id);
        this.topic = topic;
        errors = GraphWidget.Builder.create().title("Function errors").width(8).build();
        throttles = GraphWidget.Builder.create().title("Function throttles").width(8).build();
        deadLetters = GraphWidget.Builder.create().title("Dead-letter queue depth").width(8).build();
        // Rollbacks are done by the rollback function (alarms, ECS failures, requests) and by the canary function (a
        // gate failing at a step); both report RollbacksPerformed when the rollback is announced.
        var rollbacks = MathExpression.Builder.create()
                .expression("FILL(r, 0) + FILL(c, 0)")
                .usingMetrics(Map.of(
                        "r", powertools(ROLLBACKS_METRIC, AlarmRollback.SERVICE_NAME, "Sum"),
                        "c", powertools(ROLLBACKS_METRIC, ProgressiveDelivery.SERVICE_NAME, "Sum")))
                .label("rollbacks")
                .period(PERIOD)
                .build();
        // Rolling deployments succeed in the deploy function, canaries when the canary function promotes them.
        List<IMetric> durations = new ArrayList<>();
        for (var service : List.of(ImagePushDeploy.SERVICE_NAME, ProgressiveDelivery.SERVICE_NAME)) {
            durations.add(powertools(DEPLOYMENT_DURATION_METRIC, service, "p50").with(labelled(service + " p50")));
            durations.add(powertools(DEPLOYMENT_DURATION_METRIC, service, "Maximum").with(labelled(service + " max")));
        }
        dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName("shiplane")
                .widgets(List.of(
                        List.of(errors, throttles, deadLetters),
                        List.of(GraphWidget.Builder.create().title("Rollbacks").width(12)
                                        .left(List.of(rollbacks)).build(),
                                GraphWidget.Builder.create().title("Deployment duration (s)").width(12)
                                        .left(durations).build())))
                .build();
        alarms.add(alarm("shiplane-rollbacks", rollbacks,
                "shiplane's rollback function acted on a gate alarm, an ECS failure or a request"));
    }

    /**
     * Watches a function: alarms on its errors and throttles (and its dead-letter queue's depth, if given), on the
     * dashboard too.
     *
     * @param name        short name in alarm names ({@code deploy})
     * @param deadLetters the queue its rules' failed events end in; {@code null} if it has none
     */
    public void addFunction(String name, IFunction function, IQueue deadLetters) {
        // Alarms take the metric as it is (rendered as a plain metric alarm); graphs take it labelled.
        var errorMetric = function.metricErrors(MetricOptions.builder().period(PERIOD).statistic("Sum").build());
        var throttleMetric = function.metricThrottles(MetricOptions.builder().period(PERIOD).statistic("Sum")
                .build());
        errors.addLeftMetric(errorMetric.with(labelled(name)));
        throttles.addLeftMetric(throttleMetric.with(labelled(name)));
        alarms.add(alarm("shiplane-" + name + "-errors", errorMetric, "the " + name + " function failed"
                + " invocations; EventBridge retries them, then puts them in its dead-letter queue"));
        alarms.add(alarm("shiplane-" + name + "-throttles", throttleMetric, "the " + name + " function was"
                + " throttled; EventBridge retries, but events wait"));
        if (deadLetters != null) {
            var depth = deadLetters.metricApproximateNumberOfMessagesVisible(MetricOptions.builder().period(PERIOD)
                    .statistic("Maximum").build());
            this.deadLetters.addLeftMetric(depth.with(labelled(name)));
            alarms.add(alarm("shiplane-" + name + "-dead-letters", depth, "events the " + name + " function could"
                    + " not handle after its retries are waiting in its dead-letter queue; look, then replay"));
        }
    }

    private Alarm alarm(String name, IMetric metric, String description) {
        var alarm = Alarm.Builder.create(this, name)
                .alarmName(name)
                .alarmDescription(description)
                .metric(metric)
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        return alarm;
    }

    private static Metric powertools(String metricName, String service, String statistic) {
        return Metric.Builder.create()
                .namespace(NAMESPACE)
                .metricName(metricName)
                .dimensionsMap(Map.of("Service", service))
                .statistic(statistic)
                .period(PERIOD)
                .build();
    }

    private static MetricOptions labelled(String label) {
        return MetricOptions.builder().label(label).build();
    }

    /** Every alarm created so far. */
    public List<IAlarm> getAlarms() {
        return List.copyOf(alarms);
    }

    public Dashboard getDashboard() {
        return dashboard;
    }
}
