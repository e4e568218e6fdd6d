package dev.shiplane.aws;

import dev.shiplane.core.rollout.AlarmReader;
import dev.shiplane.core.canary.AlarmSnapshot;
import java.util.HashMap;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;

/** {@link AlarmReader} on CloudWatch: metric and composite alarms, one DescribeAlarms call per 100 names. */
public final class CloudWatchAlarmReader implements AlarmReader {

    private final CloudWatchClient cloudWatch;

    public CloudWatchAlarmReader(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    @Override
    public AlarmSnapshot read(List<String> alarmNames) {
        var states = new HashMap<String, String>();
        for (int from = 0; from < alarmNames.size(); from += 100) {
            var batch = alarmNames.subList(from, Math.min(alarmNames.size(), from + 100));
            var response = cloudWatch.describeAlarms(r -> r.alarmNames(batch)
                    .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM));
            response.metricAlarms().forEach(a -> states.put(a.alarmName(), a.stateValueAsString()));
            response.compositeAlarms().forEach(a -> states.put(a.alarmName(), a.stateValueAsString()));
        }
        return new AlarmSnapshot(alarmNames, states);
    }
}
