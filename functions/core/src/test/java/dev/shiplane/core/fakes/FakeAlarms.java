package dev.shiplane.core.fakes;

import dev.shiplane.core.rollout.AlarmReader;
import dev.shiplane.core.canary.AlarmSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Alarm states set by the test. */
public final class FakeAlarms implements AlarmReader {

    private final Map<String, String> states = new HashMap<>();

    public FakeAlarms set(String name, String state) {
        states.put(name, state);
        return this;
    }

    @Override
    public AlarmSnapshot read(List<String> alarmNames) {
        var found = new HashMap<String, String>();
        alarmNames.forEach(n -> {
            if (states.containsKey(n)) found.put(n, states.get(n));
        });
        return new AlarmSnapshot(alarmNames, found);
    }
}
