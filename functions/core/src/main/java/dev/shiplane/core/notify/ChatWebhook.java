package dev.shiplane.core.notify;

import java.time.Duration;

/**
 * A chat service's incoming webhook (Slack's): one message per call, bounded by a short timeout, never retried by the
 * adapter itself — {@link DeliveryRetry} decides. The adapter renders the notice in its service's own format.
 */
public interface ChatWebhook {

    /**
     * One attempt. Never throws for an HTTP answer or a network failure: the outcome says what happened.
     *
     * @param dashboard where the message links to; {@code null} for no link
     */
    Outcome post(Notice notice, DashboardLink dashboard);

    /** What one attempt came to. */
    sealed interface Outcome {
        /** 2xx: the message is posted. */
        record Delivered() implements Outcome {}

        /** 429: slow down; {@code retryAfter} is the server's {@code Retry-After}, or {@code null}. */
        record RateLimited(Duration retryAfter) implements Outcome {}

        /** 5xx, a timeout or a connection failure: may succeed later. */
        record Unavailable(String why) implements Outcome {}

        /** Any other 4xx: the request itself is wrong (revoked URL, bad payload); sending it again cannot help. */
        record Rejected(int status, String why) implements Outcome {}

        /** No webhook URL is configured (the secret still holds its placeholder): nothing to post to. */
        record NotConfigured(String why) implements Outcome {}
    }
}
