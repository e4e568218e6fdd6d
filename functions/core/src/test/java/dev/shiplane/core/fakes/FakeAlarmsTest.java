package dev.shiplane.core.fakes;

import dev.shiplane.core.rollout.AlarmReader;

class FakeAlarmsTest extends AlarmReaderContract {

    private final FakeAlarms alarms = new FakeAlarms();

    @Override
    protected AlarmReader reader() {
        return alarms;
    }

    @Override
    protected void givenAlarm(String name, String state) {
        alarms.set(name, state);
    }
}
