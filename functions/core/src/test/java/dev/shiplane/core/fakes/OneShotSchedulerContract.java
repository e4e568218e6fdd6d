package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.events.CanaryStepDue;
import dev.shiplane.core.fakes.FakeScheduler.Scheduled;
import dev.shiplane.core.events.OneShotScheduler;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link OneShotScheduler} must do; run against the fake (core) and EventBridge Scheduler on the emulator (aws). */
public abstract class OneShotSchedulerContract {

    protected abstract OneShotScheduler scheduler();

    /** The schedules that have not fired, by name: when each fires and the event it puts on the bus. */
    protected abstract Map<String, Scheduled> pending();

    static final Instant DUE = Instant.parse("2026-11-26T10:05:00Z");
    static final CanaryStepDue STEP_2 = new CanaryStepDue("prod", "web", "d-1", 2, DUE);
    static final CanaryStepDue STEP_3 = new CanaryStepDue("prod", "web", "d-1", 3, DUE.plusSeconds(300));

    @Test
    void schedule_isPendingWithItsTimeAndEvent() {
        scheduler().schedule("shiplane-d-1-step-2", DUE, STEP_2);

        assertThat(pending()).containsExactlyEntriesOf(Map.of("shiplane-d-1-step-2", new Scheduled(DUE, STEP_2)));
    }

    @Test
    void dueTime_hasSecondPrecision() {
        // EventBridge Scheduler's at(...) expression has no fractions of a second.
        scheduler().schedule("shiplane-d-1-step-2", DUE.plusMillis(750), STEP_2);

        assertThat(pending().get("shiplane-d-1-step-2").at()).isEqualTo(DUE);
    }

    @Test
    void schedulingAnExistingName_keepsTheFirstSchedule() {
        scheduler().schedule("shiplane-d-1-step-2", DUE, STEP_2);
        scheduler().schedule("shiplane-d-1-step-2", DUE.plusSeconds(300), STEP_3);

        assertThat(pending()).containsExactlyEntriesOf(Map.of("shiplane-d-1-step-2", new Scheduled(DUE, STEP_2)));
    }

    @Test
    void cancel_removesThatScheduleOnly() {
        scheduler().schedule("shiplane-d-1-step-2", DUE, STEP_2);
        scheduler().schedule("shiplane-d-1-step-3", DUE.plusSeconds(300), STEP_3);

        scheduler().cancel("shiplane-d-1-step-2");

        assertThat(pending()).containsOnlyKeys("shiplane-d-1-step-3");
    }

    @Test
    void cancellingWhatIsNotScheduled_isFine() {
        scheduler().schedule("shiplane-d-1-step-2", DUE, STEP_2);
        scheduler().cancel("shiplane-d-1-step-2");

        scheduler().cancel("shiplane-d-1-step-2");
        scheduler().cancel("never-scheduled");

        assertThat(pending()).isEmpty();
    }
}
