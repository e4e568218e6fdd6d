package dev.shiplane.core.fakes;

import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.EventBus;
import java.util.List;

class RecordingBusTest extends EventBusContract {

    private final RecordingBus bus = new RecordingBus();

    @Override
    protected EventBus bus() {
        return bus;
    }

    @Override
    protected EventBus refusingBus() {
        bus.failNext(1);
        return bus;
    }

    @Override
    protected List<DomainEvent> delivered() {
        return bus.published();
    }
}
