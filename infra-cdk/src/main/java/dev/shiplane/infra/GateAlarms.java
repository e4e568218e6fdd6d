package dev.shiplane.infra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmRule;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CompositeAlarm;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.constructs.Construct;

/**
 * The gate alarms of one service in one environment, named exactly as {@code alarmsIn(env)} resolves them from
 * {@code shiplane.yml}: the names the rollback rule matches and the canary gates read. What an alarm watches
 * follows from how its name ends; a progressive service's alarms watch both colours' target groups together, so
 * the new colour's errors count from its first request.
 *
 * <table>
 *   <tr><th>name ends in</th><th>ALARM when</th></tr>
 *   <tr><td>{@code -5xx}</td><td>targets answered more than {@value #ERROR_RATE_PERCENT} % 5xx in 2 of 3 minutes</td></tr>
 *   <tr><td>{@code -p99-latency}</td><td>p99 target response time above {@value #P99_SECONDS} s for 3 minutes</td></tr>
 *   <tr><td>{@code -unhealthy-hosts}</td><td>a target is unhealthy for 2 minutes</td></tr>
 *   <tr><td>{@code -health}</td><td>any of the service's other gate alarms is in ALARM (composite)</td></tr>
 * </table>
 * The environment's synthetic check alarm ({@code <env>-synthetics}, {@link SyntheticMonitoring}) is the platform's,
 * shared by every service that lists it: it is taken as given and joins the composite. Other names are left to
 * whoever creates them; synth warns about each.
 */
final class GateAlarms extends Construct {

    static final double ERROR_RATE_PERCENT = 5;
    static final double P99_SECONDS = 1.5;
    private static final Duration PERIOD = Duration.minutes(1);

    enum Kind {
        ERROR_RATE("-5xx"), P99_LATENCY("-p99-latency"), UNHEALTHY_HOSTS("-unhealthy-hosts"), HEALTH("-health");

        final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        static Kind of(String alarmName) {
            for (var kind : values()) {
                if (alarmName.endsWith(kind.suffix)) return kind;
            }
            return null;
        }
    }

    private final List<IAlarm> alarms = new ArrayList<>();

    /**
     * @param platformAlarms alarms the platform made for the whole environment, by name (the synthetic check's):
     *                       listed by a service, they are used as they are
     */
    GateAlarms(Construct scope, String id, String service, List<String> alarmNames,
               List<ApplicationTargetGroup> targetGroups, Map<String, IAlarm> platformAlarms) {
        super(scope, id);
        var metricAlarms = new ArrayList<IAlarm>();
        var composites = new ArrayList<String>();
        for (var name : alarmNames) {
            if (platformAlarms.containsKey(name)) {
                metricAlarms.add(platformAlarms.get(name));
                continue;
            }
            var kind = Kind.of(name);
            if (kind == null && name.endsWith(SyntheticMonitoring.ALARM_SUFFIX)) {
                Annotations.of(this).addWarningV2("shiplane:noSyntheticCheck", "gate alarm '" + name + "' of "
                        + service + " names a synthetic check this platform does not run (platform.synthetics is"
                        + " off, or no service of the environment declares checks); the alarm will not exist");
                continue;
            }
            if (kind == null) {
                Annotations.of(this).addWarningV2("shiplane:unknownGateAlarm", "gate alarm '" + name + "' of "
                        + service + " is not created by the platform (its name does not end in -5xx, -p99-latency,"
                        + " -unhealthy-hosts or -health); create it elsewhere or the rollback rule waits for nothing");
                continue;
            }
            switch (kind) {
                case ERROR_RATE -> metricAlarms.add(alarm(name, errorRate(targetGroups), ERROR_RATE_PERCENT, 2, 3,
                        ComparisonOperator.GREATER_THAN_THRESHOLD,
                        service + ": more than " + ERROR_RATE_PERCENT + " % of requests answered 5xx"));
                case P99_LATENCY -> metricAlarms.add(alarm(name, worst(targetGroups, "p99", g ->
                                g.getMetrics().targetResponseTime(options("p99"))), P99_SECONDS, 3, 3,
                        ComparisonOperator.GREATER_THAN_THRESHOLD,
                        service + ": p99 response time above " + P99_SECONDS + " s"));
                case UNHEALTHY_HOSTS -> metricAlarms.add(alarm(name, worst(targetGroups, "unhealthy", g ->
                                g.getMetrics().unhealthyHostCount(options("Maximum"))), 1, 2, 2,
                        ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                        service + ": a target failed its health checks"));
                case HEALTH -> composites.add(name);
            }
        }
        metricAlarms.stream().filter(a -> !platformAlarms.containsValue(a)).forEach(alarms::add);
        for (var name : composites) {
            if (metricAlarms.isEmpty()) {
                Annotations.of(this).addWarningV2("shiplane:emptyHealthAlarm", "composite gate alarm '" + name
                        + "' of " + service + " has no other gate alarm to combine; not created");
                continue;
            }
            alarms.add(CompositeAlarm.Builder.create(this, name)
                    .compositeAlarmName(name)
                    .alarmDescription(service + ": any of its gate alarms")
                    .alarmRule(AlarmRule.anyOf(metricAlarms.toArray(IAlarm[]::new)))
                    .build());
        }
    }

    /** 5xx answers per request, in percent, over all colours; 0 while there are no requests. */
    private static MathExpression errorRate(List<ApplicationTargetGroup> groups) {
        Map<String, IMetric> metrics = new LinkedHashMap<>();
        var errors = new ArrayList<String>();
        var requests = new ArrayList<String>();
        for (int i = 0; i < groups.size(); i++) {
            var g = groups.get(i);
            metrics.put("e" + i, g.getMetrics().httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, options("Sum")));
            metrics.put("r" + i, g.getMetrics().requestCount(options("Sum")));
            errors.add("FILL(e" + i + ", 0)");
            requests.add("FILL(r" + i + ", 0)");
        }
        var e = String.join(" + ", errors);
        var r = String.join(" + ", requests);
        return MathExpression.Builder.create()
                .expression("IF((" + r + ") > 0, 100 * (" + e + ") / (" + r + "), 0)")
                .usingMetrics(metrics)
                .label("5xx %")
                .period(PERIOD)
                .build();
    }

    /** The worst colour's value of a target group metric. */
    private static IMetric worst(List<ApplicationTargetGroup> groups, String label,
                                 java.util.function.Function<ApplicationTargetGroup, IMetric> metric) {
        if (groups.size() == 1) return metric.apply(groups.getFirst());
        Map<String, IMetric> metrics = new HashMap<>();
        var ids = new ArrayList<String>();
        for (int i = 0; i < groups.size(); i++) {
            metrics.put("m" + i, metric.apply(groups.get(i)));
            ids.add("m" + i);
        }
        return MathExpression.Builder.create()
                .expression("MAX([" + String.join(", ", ids) + "])")
                .usingMetrics(metrics)
                .label(label)
                .period(PERIOD)
                .build();
    }

    private Alarm alarm(String name, IMetric metric, double threshold, int datapoints, int periods,
                        ComparisonOperator comparison, String description) {
        return Alarm.Builder.create(this, name)
                .alarmName(name)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(comparison)
                .evaluationPeriods(periods)
                .datapointsToAlarm(datapoints)
                // No traffic is no evidence of failure (a green colour at 0 % has none).
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    private static MetricOptions options(String statistic) {
        return MetricOptions.builder().statistic(statistic).period(PERIOD).build();
    }

    List<IAlarm> alarms() {
        return List.copyOf(alarms);
    }
}
