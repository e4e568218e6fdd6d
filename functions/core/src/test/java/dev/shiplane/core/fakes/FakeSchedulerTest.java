package dev.shiplane.core.fakes;

import dev.shiplane.core.fakes.FakeScheduler.Scheduled;
import dev.shiplane.core.events.OneShotScheduler;
import java.util.Map;

class FakeSchedulerTest extends OneShotSchedulerContract {

    private final FakeScheduler scheduler = new FakeScheduler();

    @Override
    protected OneShotScheduler scheduler() {
        return scheduler;
    }

    @Override
    protected Map<String, Scheduled> pending() {
        return scheduler.pending();
    }
}
