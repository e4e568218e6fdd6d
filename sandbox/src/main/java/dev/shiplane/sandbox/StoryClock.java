package dev.shiplane.sandbox;

import dev.shiplane.testkit.DueSchedules;
import dev.shiplane.testkit.TestAws;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The story's clock. Functions run on real time and create one-shot schedules due minutes later; moto never fires
 * them. The sandbox keeps its own story time: a schedule first seen at story time T, due in D real time, is due at
 * story time T + D. An {@code advance} directive moves story time forward, firing every schedule that comes due on the
 * way, earliest first — including schedules created by the ones fired before — exactly as Scheduler would have.
 */
final class StoryClock {

    private final DueSchedules schedules;
    private final Map<String, Instant> storyDue = new HashMap<>();
    private Instant storyNow = Instant.now();

    StoryClock(TestAws aws) {
        this.schedules = new DueSchedules(aws);
    }

    /** Story time after the last advance. */
    Instant now() {
        return storyNow;
    }

    /**
     * Fires the next schedule due by {@code until} (story time), moving story time to its due time, or returns null
     * when none is due by then.
     */
    DueSchedules.Fired fireNextDueBy(Instant until) {
        var next = next();
        if (next == null || next.getValue().isAfter(until)) return null;
        if (next.getValue().isAfter(storyNow)) storyNow = next.getValue();
        storyDue.remove(next.getKey());
        return schedules.fire(ProgressiveWorld.SCHEDULE_GROUP, next.getKey());
    }

    /** When the next schedule is due (story time), or null when none waits. */
    Instant nextScheduleDue() {
        var next = next();
        return next == null ? null : next.getValue();
    }

    /** The earliest pending schedule and its story due time; a schedule seen first now is due its delay from now. */
    private Map.Entry<String, Instant> next() {
        var realNow = Instant.now();
        String next = null;
        Instant nextDue = null;
        for (var pending : schedules.pending(ProgressiveWorld.SCHEDULE_GROUP)) {
            var due = storyDue.computeIfAbsent(pending.name(), name -> {
                var delay = Duration.between(realNow, pending.dueAt());
                return storyNow.plus(delay.isNegative() ? Duration.ZERO : delay);
            });
            if (nextDue == null || due.isBefore(nextDue)) {
                next = pending.name();
                nextDue = due;
            }
        }
        return next == null ? null : Map.entry(next, nextDue);
    }

    /** The end of an advance: story time is where the directive said, whatever fired on the way. */
    void settleAt(Instant until) {
        if (until.isAfter(storyNow)) storyNow = until;
    }

    /** Schedules still waiting at the end of the story, with their story due times. */
    List<String> waiting() {
        List<String> names = new ArrayList<>();
        var realNow = Instant.now();
        for (var p : schedules.pending(ProgressiveWorld.SCHEDULE_GROUP)) {
            var due = storyDue.getOrDefault(p.name(), storyNow.plus(Duration.between(realNow, p.dueAt())));
            names.add(p.name() + " (in " + Duration.between(storyNow, due).toMinutes() + "m)");
        }
        return names;
    }
}
