package dev.shiplane.core.fakes;

import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.EventBus;
import java.util.ArrayList;
import java.util.List;

/** Keeps what was published; can be told to refuse the next publishes, like a bus outage. */
public final class RecordingBus implements EventBus {

    private final List<DomainEvent> published = new ArrayList<>();
    private int failuresLeft;

    @Override
    public synchronized void publish(DomainEvent event) {
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new IllegalStateException("bus unavailable (injected)");
        }
        published.add(event);
    }

    public synchronized void failNext(int count) {
        failuresLeft = count;
    }

    public synchronized List<DomainEvent> published() {
        return List.copyOf(published);
    }

    public synchronized <T extends DomainEvent> List<T> published(Class<T> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public synchronized void clear() {
        published.clear();
    }
}
