package dev.shiplane.core.events;

import java.time.Instant;

/**
 * Events due later, without anyone waiting: one-shot schedules (EventBridge Scheduler {@code at(...)}) that put an
 * event on the shiplane bus once and then delete themselves.
 */
public interface OneShotScheduler {

    /** Creates the schedule {@code name}; an existing schedule of that name is left as it is (idempotent). */
    void schedule(String name, Instant at, DomainEvent event);

    /** Deletes the schedule {@code name} if it has not fired; absent is fine. */
    void cancel(String name);
}
