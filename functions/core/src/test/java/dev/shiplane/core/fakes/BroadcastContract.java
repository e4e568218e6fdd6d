package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.notify.Broadcast;
import dev.shiplane.core.notify.PlainText;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Broadcast} must do; run against an SNS topic on the emulator, read back through a subscribed
 * queue (aws). Core's notify tests collect broadcasts in a list ({@code topic::add}), so there is no fake to drift.
 */
public abstract class BroadcastContract {

    protected abstract Broadcast broadcast();

    /** A channel that does not accept messages (on AWS, a topic that does not exist). */
    protected abstract Broadcast refusingBroadcast();

    /** What subscribers received so far. */
    protected abstract List<PlainText> received();

    static final PlainText ROLLED_BACK = new PlainText("shiplane alert: web rolled back in prod",
            "web rolled back in prod\n\nImage: monynha/web:1.4.2\nTrigger: alarm web-5xx");
    static final PlainText DEPLOYED = new PlainText("shiplane info: web 1.4.3 deployed to staging",
            "web 1.4.3 deployed to staging");

    @Test
    void message_reachesSubscribers_withItsSubjectAndBody() {
        broadcast().publish(ROLLED_BACK);

        assertThat(received()).containsExactly(ROLLED_BACK);
    }

    @Test
    void eachPublish_isOneMessage() {
        broadcast().publish(ROLLED_BACK);
        broadcast().publish(DEPLOYED);

        assertThat(received()).containsExactlyInAnyOrder(ROLLED_BACK, DEPLOYED);
    }

    @Test
    void refusedPublish_throws_soTheInvocationIsRetried() {
        assertThatThrownBy(() -> refusingBroadcast().publish(ROLLED_BACK)).isInstanceOf(RuntimeException.class);
        assertThat(received()).isEmpty();
    }
}
