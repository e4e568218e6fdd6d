package dev.shiplane.core.ports;

import dev.shiplane.core.rollout.AlarmSnapshot;
import java.util.List;

/** Current state of CloudWatch alarms. */
public interface AlarmReader {

    /** The state of each named alarm; alarms that do not exist are absent from the snapshot. */
    AlarmSnapshot read(List<String> alarmNames);
}
