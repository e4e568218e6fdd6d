package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.events.CanaryStepDue;
import dev.shiplane.core.events.DeploymentSkipped;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.events.EventBus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventBus} must do; run against the recording fake (core) and an EventBridge bus on the emulator,
 * read back through a queue its rule feeds (aws).
 */
public abstract class EventBusContract {

    protected abstract EventBus bus();

    /** A bus that does not accept events (the fake is told to refuse; on AWS, a bus that does not exist). */
    protected abstract EventBus refusingBus();

    /** The events that reached subscribers of {@link #bus()} so far, read back as domain events. */
    protected abstract List<DomainEvent> delivered();

    protected static final DomainEvent SKIPPED = new DeploymentSkipped("prod", "web", "d-1", "p-1",
            new ImageRef("ecr", "monynha/web", "latest", "sha256:" + "f".repeat(64), "uri"), "policy", "no",
            Instant.parse("2026-11-26T10:00:00Z"));
    protected static final DomainEvent STEP_DUE = new CanaryStepDue("prod", "web", "d-1", 2,
            Instant.parse("2026-11-26T10:05:00Z"));

    @Test
    void publishedEvent_reachesSubscribersWhole() {
        bus().publish(SKIPPED);

        assertThat(delivered()).containsExactly(SKIPPED);
    }

    @Test
    void everyPublishedEvent_isDelivered() {
        bus().publish(SKIPPED);
        bus().publish(STEP_DUE);

        // EventBridge does not promise order; subscribers must not rely on it.
        assertThat(delivered()).containsExactlyInAnyOrder(SKIPPED, STEP_DUE);
    }

    @Test
    void refusedPublish_throws_soTheInvocationIsRetried() {
        assertThatThrownBy(() -> refusingBus().publish(SKIPPED)).isInstanceOf(RuntimeException.class);
        assertThat(delivered()).isEmpty();
    }
}
