package dev.shiplane.sandbox;

import dev.shiplane.testkit.DueSchedules;
import dev.shiplane.testkit.TestAws;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The story's schedules and waits. The functions run on the story's time ({@link StoryTime}), so a one-shot schedule
 * they create is due at a story time already; moto never fires it. Nothing in the story waits on the machine's clock:
 * an {@code advance} directive moves story time forward, firing every schedule that comes due on the way, earliest
 * first — including schedules created by the ones fired before — exactly as Scheduler would have, and ECS's engine
 * ends its waits (bakes, hook callbacks, pauses) only up to where the story has been advanced to.
 */
final class StoryClock {

    private final DueSchedules schedules;
    private final StoryTime time;
    private Instant advancedTo;

    StoryClock(TestAws aws, StoryTime time) {
        this.schedules = new DueSchedules(aws);
        this.time = time;
        this.advancedTo = time.instant();
    }

    /** Story time now. */
    Instant now() {
        return time.instant();
    }

    /** How far the story has been advanced: the waits due by then are over, later ones wait for an advance. */
    Instant advancedTo() {
        return advancedTo;
    }

    /**
     * Fires the next schedule due by {@code until} (story time), moving story time to its due time, or returns null
     * when none is due by then.
     */
    DueSchedules.Fired fireNextDueBy(Instant until) {
        var next = next();
        if (next == null || next.dueAt().isAfter(until)) return null;
        moveTo(next.dueAt());
        return schedules.fire(ProgressiveWorld.SCHEDULE_GROUP, next.name());
    }

    /** When the next schedule is due (story time), or null when none waits. */
    Instant nextScheduleDue() {
        var next = next();
        return next == null ? null : next.dueAt();
    }

    private DueSchedules.Pending next() {
        var pending = schedules.pending(ProgressiveWorld.SCHEDULE_GROUP);
        return pending.isEmpty() ? null : pending.getFirst();
    }

    /** The story moves to {@code when}: an advance's end, or a wait of ECS's engine ending on the way. */
    void moveTo(Instant when) {
        time.moveTo(when);
        if (when.isAfter(advancedTo)) advancedTo = when;
    }

    /** Schedules still waiting at the end of the story, with how long until they are due. */
    List<String> waiting() {
        List<String> names = new ArrayList<>();
        var now = now();
        for (var p : schedules.pending(ProgressiveWorld.SCHEDULE_GROUP)) {
            names.add(p.name() + " (in " + Duration.between(now, p.dueAt()).toMinutes() + "m)");
        }
        return names;
    }
}
