package dev.shiplane.core.fakes;

import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.OneShotScheduler;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** One-shot schedules in memory; tests fire them by taking them out, as the sandbox does with moto's. */
public final class FakeScheduler implements OneShotScheduler {

    public record Scheduled(Instant at, DomainEvent event) {}

    private final Map<String, Scheduled> schedules = new LinkedHashMap<>();

    @Override
    public synchronized void schedule(String name, Instant at, DomainEvent event) {
        // Like EventBridge Scheduler's at(...) expression, which has no fractions of a second.
        schedules.putIfAbsent(name, new Scheduled(at.truncatedTo(ChronoUnit.SECONDS), event));
    }

    @Override
    public synchronized void cancel(String name) {
        schedules.remove(name);
    }

    public synchronized Map<String, Scheduled> pending() {
        return Map.copyOf(schedules);
    }

    /** Removes and returns the schedule {@code name}, as if it fired (schedules delete themselves after firing). */
    public synchronized DomainEvent fire(String name) {
        var s = schedules.remove(name);
        if (s == null) throw new IllegalStateException("no schedule " + name + " (pending: " + schedules.keySet() + ")");
        return s.event();
    }
}
