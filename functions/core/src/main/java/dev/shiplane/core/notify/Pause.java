package dev.shiplane.core.notify;

import java.time.Duration;

/**
 * Waits between two attempts of one outbound call. The only waiting in shiplane's functions: bounded by
 * {@link DeliveryRetry.Limits#budget()}, well inside the function timeout, and only for a webhook that asked to be
 * called again shortly (429, 5xx).
 */
@FunctionalInterface
public interface Pause {

    void pause(Duration duration);
}
