package dev.shiplane.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one clock of a sandbox run: the functions (each handler is constructed with it), the replayed events' stamps,
 * ECS's engine and completions, the schedules and the CLI all read the story's time from it. It runs with the machine's
 * clock, ahead of it by as much as the story's {@code advance} directives moved it, so a canary's 5-minute bake the
 * story jumps over is 5 minutes in every time the functions record: in the ledger, its events and the DORA figures.
 * {@link java.time.Clock} is a bootstrap class, so this crosses into the functions' own class loaders.
 */
final class StoryTime extends Clock {

    private final AtomicLong aheadNanos;
    private final ZoneId zone;

    StoryTime() {
        this(new AtomicLong(), ZoneOffset.UTC);
    }

    private StoryTime(AtomicLong aheadNanos, ZoneId zone) {
        this.aheadNanos = aheadNanos;
        this.zone = zone;
    }

    @Override
    public Instant instant() {
        return Instant.now().plusNanos(aheadNanos.get());
    }

    /** Moves the story to {@code when} (never back: what happened stays in the past). */
    void moveTo(Instant when) {
        var gap = Duration.between(instant(), when);
        if (gap.isPositive()) aheadNanos.addAndGet(gap.toNanos());
    }

    /** How far the story is ahead of the machine's clock. */
    Duration ahead() {
        return Duration.ofNanos(aheadNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return other.equals(zone) ? this : new StoryTime(aheadNanos, other);
    }
}
