package dev.shiplane.core.gate;

import java.time.Duration;
import java.util.Objects;

/**
 * One health or smoke check a service declares ({@code checks:} in shiplane.yml, planned): one bounded HTTP GET per
 * attempt, made by the checks function against the new colour only (the test listener) before the first traffic
 * shift ({@link Phase#PRE_TRAFFIC}), or against the live service after promotion ({@link Phase#POST_PROMOTION}).
 * Retries are one-shot schedules {@code retryEvery} apart, never sleeps.
 *
 * @param path           path on the test listener (or an absolute URL)
 * @param expectedStatus the status a healthy answer has (e.g. 200)
 * @param jsonField      JSON Pointer into the body ({@code /status}), or {@code null} to check the status only
 * @param expectedValue  the text the field must hold ({@code ok}); required with {@code jsonField}
 * @param timeout        the bound of one request: a slower answer is a failed attempt
 * @param attempts       how many attempts before the check fails (at least 1)
 * @param retryEvery     delay between attempts
 */
public record HttpCheck(String name, Phase phase, String path, int expectedStatus, String jsonField,
                        String expectedValue, Duration timeout, int attempts, Duration retryEvery) {

    /** When a check runs. */
    public enum Phase { PRE_TRAFFIC, POST_PROMOTION }

    public HttpCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryEvery, "retryEvery");
        if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        if ((jsonField == null) != (expectedValue == null)) {
            throw new IllegalArgumentException("jsonField and expectedValue go together");
        }
    }
}
