package dev.shiplane.core.rollout;

import dev.shiplane.core.canary.AlarmSnapshot;
import java.util.List;

/** Current state of CloudWatch alarms. */
public interface AlarmReader {

    /** The state of each named alarm; alarms that do not exist are absent from the snapshot. */
    AlarmSnapshot read(List<String> alarmNames);
}
