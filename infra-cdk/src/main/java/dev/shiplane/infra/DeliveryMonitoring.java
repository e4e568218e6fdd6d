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
 * same, plus how long deployments take, and the four DORA figures from the EMF metrics the functions emit per
 * {@code env} and {@code service}: deployment frequency, lead time, change failure rate and time to restore.
 */
public final class DeliveryMonitoring extends Construct {

    static final String NAMESPACE = SnapStartJavaFunction.METRICS_NAMESPACE;
    /**
     * Seconds from shiplane's UpdateService to ECS's SERVICE_DEPLOYMENT_COMPLETED, as the deploy function reports
     * them in {@code Deployment Succeeded}; the dashboard reads it under the function's own dimension
     * {@code Service} (its service name, as every function metric).
     */
    static final String DEPLOYMENT_DURATION_METRIC = "DeploymentDurationSeconds";
    /** Rollbacks announced (Deployment Rolled Back), as the rollback and canary functions report them. */
    static final String ROLLBACKS_METRIC = "RollbacksPerformed";
    private static final Duration PERIOD = Duration.minutes(5);
    static final String DASHBOARD_NAME = "shiplane";
    /** DORA metrics (PowertoolsDeliveryMetrics), one series per env and service: found by SEARCH, not listed. */
    static final String DEPLOYMENT_COUNT_METRIC = "DeploymentCount";
    static final String LEAD_TIME_METRIC = "LeadTimeSeconds";
    static final String LEAD_TIME_FROM_COMMIT_METRIC = "LeadTimeFromCommitCount";
    static final String PUSH_TO_LIVE_METRIC = "PushToLiveSeconds";
    static final String CHANGE_FAILURE_METRIC = "ChangeFailureCount";
    static final String TIME_TO_RESTORE_METRIC = "TimeToRestoreSeconds";
    private static final Duration DORA_PERIOD = Duration.days(1);

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
                        "r", functionMetric(ROLLBACKS_METRIC, AlarmRollback.SERVICE_NAME, "Sum"),
                        "c", functionMetric(ROLLBACKS_METRIC, ProgressiveDelivery.SERVICE_NAME, "Sum")))
                .label("rollbacks")
                .period(PERIOD)
                .build();
        // Rolling deployments succeed in the deploy function, canaries when the canary function promotes them.
        List<IMetric> durations = new ArrayList<>();
        for (var service : List.of(ImagePushDeploy.SERVICE_NAME, ProgressiveDelivery.SERVICE_NAME)) {
            durations.add(functionMetric(DEPLOYMENT_DURATION_METRIC, service, "p50")
                    .with(labelled(service + " p50")));
            durations.add(functionMetric(DEPLOYMENT_DURATION_METRIC, service, "Maximum")
                    .with(labelled(service + " max")));
        }
        dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(DASHBOARD_NAME)
                .widgets(List.of(
                        List.of(errors, throttles, deadLetters),
                        List.of(GraphWidget.Builder.create().title("Rollbacks").width(12)
                                        .left(List.of(rollbacks)).build(),
                                GraphWidget.Builder.create().title("Deployment duration (s)").width(12)
                                        .left(durations).build()),
                        doraWidgets()))
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
            addDeadLetterQueue(name, deadLetters, "events the " + name + " function could not handle after its"
                    + " retries are waiting in its dead-letter queue; look, then replay");
        }
    }

    /**
     * A dead-letter queue of something that is not a function (the rules forwarding to other accounts): an alarm
     * ({@code shiplane-<name>-dead-letters}) when it holds anything, and its depth on the dashboard.
     */
    public void addDeadLetterQueue(String name, IQueue deadLetters, String description) {
        var depth = deadLetters.metricApproximateNumberOfMessagesVisible(MetricOptions.builder().period(PERIOD)
                .statistic("Maximum").build());
        this.deadLetters.addLeftMetric(depth.with(labelled(name)));
        alarms.add(alarm("shiplane-" + name + "-dead-letters", depth, description));
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

    /**
     * DORA per day: deployments (succeeded) per env and service, median lead time and time to restore per env and
     * service, and the change failure rate over all of them: failures / (deployments + failures), in percent — a
     * deployment rolled back after it had succeeded counts in both. Lead time runs from the commit where the image
     * says when it was made and from the push otherwise, so beside it: how many of the day's deployments it ran from
     * the commit for, and push to live (the part of the lead time shiplane's own pipeline takes) for all of them.
     */
    private static List<software.amazon.awscdk.services.cloudwatch.IWidget> doraWidgets() {
        var deployments = search(DEPLOYMENT_COUNT_METRIC, "Sum", "");
        var totalDeployments = search(DEPLOYMENT_COUNT_METRIC, "Sum", "SUM");
        var totalFailures = search(CHANGE_FAILURE_METRIC, "Sum", "SUM");
        var failureRate = MathExpression.Builder.create()
                .expression("100 * FILL(f, 0) / (FILL(d, 0) + FILL(f, 0))")
                .usingMetrics(Map.of("d", totalDeployments, "f", totalFailures))
                .label("change failure rate (%)")
                .period(DORA_PERIOD)
                .build();
        return List.of(
                GraphWidget.Builder.create().title("DORA: deployment frequency (per day)").width(4)
                        .left(List.of(deployments)).build(),
                GraphWidget.Builder.create().title("DORA: lead time, commit to live (s, median; from the push where"
                                + " the image names no commit)").width(4)
                        .left(List.of(search(LEAD_TIME_METRIC, "p50", ""))).build(),
                GraphWidget.Builder.create().title("DORA: deployments whose lead time runs from the commit (per day)")
                        .width(4).left(List.of(search(LEAD_TIME_FROM_COMMIT_METRIC, "Sum", ""))).build(),
                GraphWidget.Builder.create().title("Push to live (s, median)").width(4)
                        .left(List.of(search(PUSH_TO_LIVE_METRIC, "p50", ""))).build(),
                GraphWidget.Builder.create().title("DORA: change failure rate (%)").width(4)
                        .left(List.of(failureRate)).build(),
                GraphWidget.Builder.create().title("DORA: time to restore, alarm to rollback (s, median)").width(4)
                        .left(List.of(search(TIME_TO_RESTORE_METRIC, "p50", ""))).build());
    }

    /** Every env/service series of a DORA metric, optionally aggregated ({@code SUM}) into one. */
    private static MathExpression search(String metricName, String statistic, String aggregate) {
        var search = "SEARCH('{" + NAMESPACE + ",env,service} MetricName=\"" + metricName + "\"', '" + statistic
                + "', " + DORA_PERIOD.toSeconds().intValue() + ")";
        return MathExpression.Builder.create()
                .expression(aggregate.isEmpty() ? search : aggregate + "(" + search + ")")
                .usingMetrics(Map.of())
                .label(aggregate.isEmpty() ? "" : metricName)
                .period(DORA_PERIOD)
                .build();
    }

    /** A metric a function emits under its own dimension {@code Service} (the default dimension of ShiplaneMetrics). */
    private static Metric functionMetric(String metricName, String service, String statistic) {
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
