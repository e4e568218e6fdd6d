package dev.shiplane.core.gate;

import java.time.Duration;
import java.util.Objects;

/**
 * One health or smoke check a service declares ({@code checks:} in shiplane.yml): one bounded HTTP GET per
 * attempt, made by the checks function against the new colour only (a listener rule routes requests carrying the
 * {@value #COLOUR_HEADER} header to that colour's target group) before the first traffic shift ({@link Phase#PRE_TRAFFIC}), or against the live service after promotion ({@link Phase#POST_PROMOTION}).
 * Retries are one-shot schedules {@code retryEvery} apart, never sleeps.
 *
 * @param path           path under the environment's check endpoint ({@code /api/health}), or an absolute URL
 * @param expectedStatus the status a healthy answer has (e.g. 200)
 * @param jsonField      JSON Pointer into the body ({@code /status}), or {@code null} to check the status only
 * @param expectedValue  the text the field must hold ({@code ok}); required with {@code jsonField}
 * @param timeout        the bound of one request: a slower answer is a failed attempt
 * @param attempts       how many attempts before the check fails (at least 1)
 * @param retryEvery     delay between attempts
 */
public record HttpCheck(String name, Phase phase, String path, int expectedStatus, String jsonField,
                        String expectedValue, Duration timeout, int attempts, Duration retryEvery) {

    /** Sent with pre-traffic attempts; the listener forwards a request carrying it to that colour only. */
    public static final String COLOUR_HEADER = "X-Shiplane-Colour";

    /** When a check runs; the code is also the gate name on {@code Gate Passed} / {@code Gate Failed}. */
    public enum Phase {
        PRE_TRAFFIC("pre-traffic"), POST_PROMOTION("post-promotion");

        private final String code;

        Phase(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static java.util.Optional<Phase> fromCode(String code) {
            for (var phase : values()) {
                if (phase.code.equals(code)) return java.util.Optional.of(phase);
            }
            return java.util.Optional.empty();
        }
    }

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
        if (expectedStatus < 100 || expectedStatus > 599) {
            throw new IllegalArgumentException("expected status " + expectedStatus + " is not an HTTP status");
        }
    }
}
