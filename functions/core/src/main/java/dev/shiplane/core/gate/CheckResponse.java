package dev.shiplane.core.gate;

import java.time.Duration;

/**
 * What one bounded HTTP request of a check got. The probe adapter reads the JSON field (core sees no JSON parser):
 * {@code field} is what the check's {@code jsonField} pointed at.
 */
public sealed interface CheckResponse {

    /** The service answered within the timeout. */
    record Answered(int status, FieldReading field, Duration elapsed) implements CheckResponse {}

    /** No answer within the check's timeout; the request was abandoned. */
    record TimedOut(Duration after) implements CheckResponse {}

    /** No connection (refused, DNS, TLS). */
    record Unreachable(String reason) implements CheckResponse {}

    /** The JSON field a check expects, as found in the body. */
    sealed interface FieldReading {
        /** The check has no {@code jsonField}. */
        record NotAsked() implements FieldReading {}

        record Found(String value) implements FieldReading {}

        record Missing() implements FieldReading {}

        record NotJson() implements FieldReading {}
    }
}
