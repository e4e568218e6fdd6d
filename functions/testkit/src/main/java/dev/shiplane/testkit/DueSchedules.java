package dev.shiplane.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * moto stores EventBridge Scheduler schedules but never fires them. This reads one-shot schedules back and fires
 * them as Scheduler would: the target's input becomes the detail of an event with the target's source and
 * detail-type, and the schedule is deleted (ActionAfterCompletion DELETE). Firing early is how tests and the
 * sandbox fast-forward bake times.
 */
public final class DueSchedules {

    /** A fired schedule: its name, when it was due, and the EventBridge event it produced. */
    public record Fired(String name, Instant dueAt, String busArn, byte[] event) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchedulerClient scheduler;

    public DueSchedules(TestAws aws) {
        this.scheduler = aws.build(SchedulerClient.builder());
    }

    public void createGroup(String group) {
        scheduler.createScheduleGroup(r -> r.name(group));
    }

    /** Fires the earliest schedule in {@code group}, or returns null when none is left. */
    public Fired fireNext(String group) {
        var all = pending(group);
        return all.isEmpty() ? null : fire(group, all.getFirst().name());
    }

    /** Schedules in the group, earliest due first. */
    public List<Pending> pending(String group) {
        List<Pending> pending = new ArrayList<>();
        for (var summary : scheduler.listSchedules(r -> r.groupName(group)).schedules()) {
            var s = scheduler.getSchedule(r -> r.name(summary.name()).groupName(group));
            pending.add(new Pending(s.name(), dueAt(s.scheduleExpression())));
        }
        pending.sort(Comparator.comparing(Pending::dueAt).thenComparing(Pending::name));
        return pending;
    }

    public record Pending(String name, Instant dueAt) {}

    public Fired fire(String group, String name) {
        var s = scheduler.getSchedule(r -> r.name(name).groupName(group));
        var target = s.target();
        var due = dueAt(s.scheduleExpression());
        try {
            var event = JSON.createObjectNode()
                    .put("version", "0")
                    .put("id", UUID.randomUUID().toString())
                    .put("detail-type", target.eventBridgeParameters().detailType())
                    .put("source", target.eventBridgeParameters().source())
                    .put("account", AwsEmulator.ACCOUNT)
                    .put("time", due.toString())
                    .put("region", AwsEmulator.REGION);
            event.putArray("resources").add(s.arn());
            event.set("detail", JSON.readTree(target.input()));
            scheduler.deleteSchedule(r -> r.name(name).groupName(group));
            return new Fired(name, due, target.arn(), event.toString().getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("schedule " + name + " has an input that is not JSON", e);
        }
    }

    /** {@code at(yyyy-mm-ddThh:mm:ss)} in UTC. */
    static Instant dueAt(String expression) {
        var inner = expression.substring(expression.indexOf('(') + 1, expression.lastIndexOf(')'));
        return LocalDateTime.parse(inner).toInstant(ZoneOffset.UTC);
    }
}
