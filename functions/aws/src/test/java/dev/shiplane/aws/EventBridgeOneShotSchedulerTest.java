package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.contract.outbound.DomainEventJson;
import dev.shiplane.core.events.CanaryStepDue;
import dev.shiplane.core.fakes.FakeScheduler.Scheduled;
import dev.shiplane.core.fakes.OneShotSchedulerContract;
import dev.shiplane.core.events.OneShotScheduler;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/** The one-shot scheduler contract against EventBridge Scheduler in the emulator, targeting the shiplane bus. */
@ExtendWith(EmulatorExtension.class)
class EventBridgeOneShotSchedulerTest extends OneShotSchedulerContract {

    private SchedulerClient client;
    private String busArn;

    @BeforeEach
    void group(TestAws aws) {
        client = aws.build(SchedulerClient.builder());
        client.createScheduleGroup(r -> r.name("shiplane"));
        busArn = aws.createBus("shiplane");
    }

    @Override
    protected OneShotScheduler scheduler() {
        return new EventBridgeOneShotScheduler(client, "shiplane", busArn, "arn:aws:iam::123456789012:role/s");
    }

    @Override
    protected Map<String, Scheduled> pending() {
        var pending = new HashMap<String, Scheduled>();
        client.listSchedulesPaginator(r -> r.groupName("shiplane")).schedules().forEach(summary -> {
            var schedule = client.getSchedule(r -> r.name(summary.name()).groupName("shiplane"));
            var expression = schedule.scheduleExpression(); // at(yyyy-MM-ddTHH:mm:ss), in UTC
            var at = LocalDateTime.parse(expression.substring(3, expression.length() - 1)).toInstant(ZoneOffset.UTC);
            var event = DomainEventJson.read(schedule.target().eventBridgeParameters().detailType(),
                    schedule.target().input());
            pending.put(summary.name(), new Scheduled(at, event));
        });
        return pending;
    }

    @Test
    void schedule_putsItsEventOnTheBus_andDeletesItselfAfterFiring() {
        var due = Instant.parse("2026-11-26T10:05:00Z");
        scheduler().schedule("shiplane-d-1-step-2", due, new CanaryStepDue("prod", "web", "d-1", 2, due));

        var stored = client.getSchedule(r -> r.name("shiplane-d-1-step-2").groupName("shiplane"));
        assertThat(stored.scheduleExpressionTimezone()).isEqualTo("UTC");
        assertThat(stored.actionAfterCompletionAsString()).isEqualTo("DELETE");
        assertThat(stored.target().arn()).isEqualTo(busArn);
        assertThat(stored.target().eventBridgeParameters().source()).isEqualTo("shiplane");
    }
}
