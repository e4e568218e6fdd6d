package dev.shiplane.aws;

import dev.shiplane.contract.outbound.DomainEventJson;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.OneShotScheduler;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;

/**
 * {@link OneShotScheduler} on EventBridge Scheduler: an {@code at(...)} schedule whose target is the shiplane bus
 * itself (the universal PutEvents target), deleted by Scheduler once it has fired.
 */
public final class EventBridgeOneShotScheduler implements OneShotScheduler {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private final SchedulerClient scheduler;
    private final String group;
    private final String busArn;
    private final String roleArn;

    /**
     * @param group   schedule group (the stack creates {@code shiplane})
     * @param busArn  the shiplane bus, the schedules' target
     * @param roleArn role Scheduler assumes to put events on the bus
     */
    public EventBridgeOneShotScheduler(SchedulerClient scheduler, String group, String busArn, String roleArn) {
        this.scheduler = scheduler;
        this.group = group;
        this.busArn = busArn;
        this.roleArn = roleArn;
    }

    /** {@code at(...)} has second precision; a due time in the past fires at once. */
    static String expression(Instant at) {
        return "at(" + AT.format(at.truncatedTo(ChronoUnit.SECONDS)) + ")";
    }

    @Override
    public void schedule(String name, Instant at, DomainEvent event) {
        try {
            scheduler.createSchedule(r -> r.name(name).groupName(group)
                    .scheduleExpression(expression(at))
                    .scheduleExpressionTimezone("UTC")
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .actionAfterCompletion(ActionAfterCompletion.DELETE)
                    .target(t -> t.arn(busArn).roleArn(roleArn)
                            .eventBridgeParameters(p -> p.source(DomainEvent.SOURCE).detailType(event.detailType()))
                            .input(DomainEventJson.detail(event))
                            .retryPolicy(p -> p.maximumRetryAttempts(10).maximumEventAgeInSeconds(3600))));
        } catch (ConflictException alreadyScheduled) {
            // The same transition carried out twice (a retry): the schedule it wants exists already.
        }
    }

    @Override
    public void cancel(String name) {
        try {
            scheduler.deleteSchedule(r -> r.name(name).groupName(group));
        } catch (ResourceNotFoundException alreadyGone) {
            // fired and deleted itself, or never created
        }
    }
}
