package dev.shiplane.core.observability;

import dev.shiplane.core.dora.DoraMetrics;
import dev.shiplane.core.events.DeploymentRolledBack;
import dev.shiplane.core.events.DeploymentSucceeded;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.EventBus;
import java.time.Duration;

/**
 * Records metrics from the events the use cases publish, once they are on the bus: every success and rollback is
 * announced exactly where it happens, so the metrics need no hook of their own in the use cases.
 */
public final class MeteredEventBus implements EventBus {

    private final EventBus bus;
    private final DeliveryMetrics metrics;

    public MeteredEventBus(EventBus bus, DeliveryMetrics metrics) {
        this.bus = bus;
        this.metrics = metrics;
    }

    @Override
    public void publish(DomainEvent event) {
        bus.publish(event);
        switch (event) {
            case DeploymentSucceeded s -> metrics.deploymentSucceeded(s.env(), s.service(),
                    Duration.ofSeconds(Math.max(0, s.durationSeconds())),
                    DoraMetrics.leadTime(s.image() == null ? null : s.image().commit(), s.pushedAt(), s.at()),
                    DoraMetrics.pushToLive(s.pushedAt(), s.at()));
            case DeploymentRolledBack r -> metrics.rolledBack(r.env(), r.service(), r.trigger(),
                    DoraMetrics.timeToRestore(r.alarmAt(), r.at()));
            default -> { }
        }
    }
}
