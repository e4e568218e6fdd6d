package dev.shiplane.core.config;

import java.time.Duration;

/**
 * Whether a deployment into an environment waits for a person before production traffic moves, and for how long.
 * An approval nobody gives within {@code timeout} rolls the deployment back.
 *
 * @param required whether deployments wait (the seed's GitHub {@code environment: production} gate)
 * @param timeout  how long they wait; whole minutes from 1 minute to 14 days (ECS's pause-hook limits)
 */
public record Approval(boolean required, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);
    public static final Duration MAX_TIMEOUT = Duration.ofDays(14);
    public static final Approval NONE = new Approval(false, DEFAULT_TIMEOUT);

    public Approval {
        if (timeout == null) timeout = DEFAULT_TIMEOUT;
    }

    /** Why {@code timeout} cannot be an approval timeout, or {@code null}. */
    public static String timeoutProblem(Duration timeout) {
        if (timeout.toSeconds() % 60 != 0) return "must be whole minutes (ECS counts a pause in minutes)";
        if (timeout.toMinutes() < 1 || timeout.compareTo(MAX_TIMEOUT) > 0) return "must be from 1m to 14d";
        return null;
    }
}
