package dev.shiplane.core.events;


/** The shiplane event bus. Publishing is at-least-once: subscribers deduplicate on the ids in the detail. */
public interface EventBus {

    /** Publishes one event; throws if the bus did not accept it, so the caller's invocation is retried. */
    void publish(DomainEvent event);
}
