package dev.shiplane.core.webhook;

import java.time.Duration;

/**
 * @param maxBodyBytes largest body accepted; GitHub caps payloads at 25 MB, but a package event is a few KB
 * @param replayWindow how long a delivery id is remembered. GitHub signatures carry no timestamp, so a captured
 *                     delivery stays validly signed forever; past this window a replay is published again and
 *                     stopped by the deploy function's own idempotency (its deployment ids derive from the
 *                     delivery id), so the window only needs to cover GitHub's redelivery period (3 days)
 */
public record WebhookLimits(long maxBodyBytes, Duration replayWindow) {

    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofDays(30);

    public WebhookLimits {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
        }
        if (replayWindow.isNegative() || replayWindow.isZero()) {
            throw new IllegalArgumentException("replayWindow must be positive, was " + replayWindow);
        }
    }

    public static WebhookLimits defaults() {
        return new WebhookLimits(DEFAULT_MAX_BODY_BYTES, DEFAULT_REPLAY_WINDOW);
    }
}
