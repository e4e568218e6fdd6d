package dev.shiplane.aws;

import dev.shiplane.core.fakes.AlarmReaderContract;
import dev.shiplane.core.rollout.AlarmReader;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** The alarm reader contract against CloudWatch in the emulator. */
@ExtendWith(EmulatorExtension.class)
class CloudWatchAlarmReaderTest extends AlarmReaderContract {

    private CloudWatchClient cloudWatch;

    @BeforeEach
    void client(TestAws aws) {
        cloudWatch = aws.build(CloudWatchClient.builder());
    }

    @Override
    protected AlarmReader reader() {
        return new CloudWatchAlarmReader(cloudWatch);
    }

    @Override
    protected void givenAlarm(String name, String state) {
        cloudWatch.putMetricAlarm(r -> r.alarmName(name).metricName("HTTPCode_Target_5XX_Count")
                .namespace("AWS/ApplicationELB").statistic("Sum").period(60).evaluationPeriods(1).threshold(5.0)
                .comparisonOperator("GreaterThanThreshold"));
        cloudWatch.setAlarmState(r -> r.alarmName(name).stateValue(state).stateReason("set by the test"));
    }
}
