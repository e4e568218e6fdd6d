package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.events.CanaryStepDue;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;

/**
 * An entry the bus refuses in a successful response (a {@code PutEvents} answered 200 with {@code FailedEntryCount}
 * 1, as EventBridge answers an entry the bus's resource policy denies) fails the publish, so the invocation is
 * retried instead of losing the event. moto enforces no bus policy; it refuses an entry alone when its detail is not
 * JSON, so the request is altered on its way out (an SDK interceptor) and moto's real per-entry answer is read back.
 */
@ExtendWith(EmulatorExtension.class)
class EventBridgeBusRefusedEntryTest {

    private static final CanaryStepDue STEP_DUE = new CanaryStepDue("prod", "web", "d-1", 2,
            Instant.parse("2026-11-26T10:05:00Z"));

    @Test
    void anEntryTheBusRefuses_failsThePublish_andReachesNoSubscriber(TestAws aws) {
        aws.createBus("shiplane");
        var tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        var events = aws.build(EventBridgeClient.builder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(new MalformedDetail())));

        assertThatThrownBy(() -> new EventBridgeBus(events, "shiplane").publish(STEP_DUE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bus shiplane refused 'Canary Step Due'")
                .hasMessageContaining("MalformedDetail");
        assertThat(tap.drain()).isEmpty();
    }

    /** Makes each entry's detail something EventBridge refuses entry by entry. */
    private static final class MalformedDetail implements ExecutionInterceptor {
        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof PutEventsRequest put)) return context.request();
            return put.toBuilder().entries(put.entries().stream()
                    .map(entry -> entry.toBuilder().detail("not json").build()).toList()).build();
        }
    }
}
