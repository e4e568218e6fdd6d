package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.notify.ChatWebhook;
import dev.shiplane.core.notify.ChatWebhook.Outcome;
import dev.shiplane.core.notify.DashboardLink;
import dev.shiplane.core.notify.Notice;
import dev.shiplane.core.notify.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChatWebhook} must do with each answer the chat service can give; run against the Slack adapter
 * and a local HTTP server playing Slack (notify). Core's notify tests script {@link Outcome}s directly, so there is
 * no fake to drift: this contract is what those scripted outcomes stand for.
 */
public abstract class ChatWebhookContract {

    /** A webhook posting to the chat service, which answers as {@link #givenAnswer} said ({@code 200 ok} otherwise). */
    protected abstract ChatWebhook webhook();

    /** A webhook whose URL is not configured yet (its secret holds a placeholder). */
    protected abstract ChatWebhook unconfiguredWebhook();

    /** A webhook whose URL nothing listens on. */
    protected abstract ChatWebhook unreachableWebhook();

    /** The chat service answers the next post with {@code status}, {@code body} and a {@code Retry-After} (or null). */
    protected abstract void givenAnswer(int status, String body, String retryAfter);

    /** How many posts reached the chat service. */
    protected abstract int postsReceived();

    static final Notice ROLLED_BACK = new Notice(Severity.DANGER, ":rewind:", "web rolled back in prod",
            List.of(new Notice.Field("Service", "web"), new Notice.Field("Env", "prod")), "alarm web-5xx fired");
    static final DashboardLink DASHBOARD = new DashboardLink("shiplane", "us-east-1");

    @Test
    void accepted_isDelivered_once() {
        assertThat(webhook().post(ROLLED_BACK, DASHBOARD)).isEqualTo(new Outcome.Delivered());
        assertThat(postsReceived()).isEqualTo(1);
    }

    @Test
    void noDashboard_isStillDelivered() {
        assertThat(webhook().post(ROLLED_BACK, null)).isEqualTo(new Outcome.Delivered());
    }

    @Test
    void tooManyRequests_isRateLimited_withTheServersRetryAfter() {
        givenAnswer(429, "rate_limited", "7");

        assertThat(webhook().post(ROLLED_BACK, DASHBOARD)).isEqualTo(new Outcome.RateLimited(Duration.ofSeconds(7)));
    }

    @Test
    void tooManyRequests_withoutRetryAfter_isRateLimitedWithNone() {
        givenAnswer(429, "rate_limited", null);

        assertThat(webhook().post(ROLLED_BACK, DASHBOARD)).isEqualTo(new Outcome.RateLimited(null));
    }

    @Test
    void serverError_isUnavailable() {
        givenAnswer(503, "service unavailable", null);

        assertThat(webhook().post(ROLLED_BACK, DASHBOARD)).isInstanceOf(Outcome.Unavailable.class);
    }

    @Test
    void otherClientError_isRejected_withTheStatusAndTheServicesWord() {
        givenAnswer(404, "no_service", null);

        assertThat(webhook().post(ROLLED_BACK, DASHBOARD)).isEqualTo(new Outcome.Rejected(404, "no_service"));
    }

    @Test
    void nothingListening_isUnavailable_notAnException() {
        assertThat(unreachableWebhook().post(ROLLED_BACK, DASHBOARD)).isInstanceOf(Outcome.Unavailable.class);
    }

    @Test
    void noUrlConfigured_isNotConfigured_andPostsNothing() {
        assertThat(unconfiguredWebhook().post(ROLLED_BACK, DASHBOARD)).isInstanceOf(Outcome.NotConfigured.class);
        assertThat(postsReceived()).isZero();
    }
}
