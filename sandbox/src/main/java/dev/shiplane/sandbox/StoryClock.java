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

    /** A schedule fired in {@code account}'s Scheduler: its target is that account's bus. */
    record Fired(String account, DueSchedules.Fired fired) {}

    private record Due(String account, DueSchedules.Pending pending) {}

    /** Each account's Scheduler, by account: every account's delivery stack makes its own schedules. */
    private final java.util.Map<String, DueSchedules> schedules = new java.util.LinkedHashMap<>();
    private final StoryTime time;
    private Instant advancedTo;

    StoryClock(TestAws aws, StoryTime time) {
        this(java.util.Map.of(dev.shiplane.testkit.AwsEmulator.ACCOUNT, aws), time);
    }

    /** @param accounts the harness in each account, by account id */
    StoryClock(java.util.Map<String, TestAws> accounts, StoryTime time) {
        accounts.forEach((account, aws) -> schedules.put(account, new DueSchedules(aws)));
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
    Fired fireNextDueBy(Instant until) {
        var next = next();
        if (next == null || next.pending().dueAt().isAfter(until)) return null;
        moveTo(next.pending().dueAt());
        return new Fired(next.account(), schedules.get(next.account()).fire(ProgressiveWorld.SCHEDULE_GROUP,
                next.pending().name()));
    }

    /** When the next schedule is due (story time), or null when none waits. */
    Instant nextScheduleDue() {
        var next = next();
        return next == null ? null : next.pending().dueAt();
    }

    /** The earliest schedule due in any account (the first account's first on a tie). */
    private Due next() {
        Due earliest = null;
        for (var entry : schedules.entrySet()) {
            var pending = entry.getValue().pending(ProgressiveWorld.SCHEDULE_GROUP);
            if (pending.isEmpty()) continue;
            if (earliest == null || pending.getFirst().dueAt().isBefore(earliest.pending().dueAt())) {
                earliest = new Due(entry.getKey(), pending.getFirst());
            }
        }
        return earliest;
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
        schedules.forEach((account, due) -> {
            for (var p : due.pending(ProgressiveWorld.SCHEDULE_GROUP)) {
                names.add(p.name() + " (in " + Duration.between(now, p.dueAt()).toMinutes() + "m"
                        + (schedules.size() > 1 ? ", account " + account : "") + ")");
            }
        });
        return names;
    }
}
