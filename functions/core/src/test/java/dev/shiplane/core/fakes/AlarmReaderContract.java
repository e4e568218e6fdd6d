package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.rollout.AlarmReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link AlarmReader} must do; run against the fake (core) and CloudWatch on the emulator (aws). */
public abstract class AlarmReaderContract {

    protected abstract AlarmReader reader();

    /** An alarm named {@code name} exists and is in {@code state} ({@code OK}, {@code ALARM}, {@code INSUFFICIENT_DATA}). */
    protected abstract void givenAlarm(String name, String state);

    @Test
    void existingAlarms_reportTheirStates() {
        givenAlarm("web-5xx", "ALARM");
        givenAlarm("web-p99", "OK");
        givenAlarm("web-no-traffic", "INSUFFICIENT_DATA");

        var snapshot = reader().read(List.of("web-5xx", "web-p99", "web-no-traffic"));

        assertThat(snapshot.states()).containsExactlyInAnyOrderEntriesOf(
                java.util.Map.of("web-5xx", "ALARM", "web-p99", "OK", "web-no-traffic", "INSUFFICIENT_DATA"));
        assertThat(snapshot.gates()).containsExactly("web-5xx", "web-p99", "web-no-traffic");
    }

    @Test
    void missingAlarm_isAbsent_soTheGateFails() {
        givenAlarm("web-5xx", "OK");

        var snapshot = reader().read(List.of("web-5xx", "web-ghost"));

        assertThat(snapshot.states()).containsOnlyKeys("web-5xx");
        assertThat(snapshot.failure()).isEqualTo("web-ghost missing");
    }

    @Test
    void alarmsNotAskedFor_areLeftOut() {
        givenAlarm("web-5xx", "ALARM");
        givenAlarm("api-5xx", "ALARM");

        assertThat(reader().read(List.of("web-5xx")).states()).containsOnlyKeys("web-5xx");
    }

    @Test
    void noNames_isAnEmptySnapshot() {
        givenAlarm("web-5xx", "ALARM");

        var snapshot = reader().read(List.of());

        assertThat(snapshot.states()).isEmpty();
        assertThat(snapshot.failure()).isNull();
    }

    @Test
    void moreNamesThanOneRequestTakes_areAllRead() {
        // DescribeAlarms takes at most 100 names a call.
        var names = new ArrayList<String>();
        for (int i = 0; i < 105; i++) names.add("gate-" + i);
        givenAlarm("gate-0", "OK");
        givenAlarm("gate-104", "ALARM");

        var snapshot = reader().read(names);

        assertThat(snapshot.states()).containsOnlyKeys("gate-0", "gate-104").containsEntry("gate-104", "ALARM");
    }
}
