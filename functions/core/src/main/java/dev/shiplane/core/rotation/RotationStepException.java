package dev.shiplane.core.rotation;

/**
 * A rotation step failed. The message is already scrubbed of secret values and the original cause is not attached
 * (its message or a nested one could quote a value); its stack trace is kept. Thrown so that Lambda retries the
 * event: every step resumes where the failed one stopped.
 */
public final class RotationStepException extends RuntimeException {

    private final String step;

    RotationStepException(String step, String message, StackTraceElement[] trace) {
        super(message);
        this.step = step;
        if (trace != null) setStackTrace(trace);
    }

    /** The step's code ({@code setSecret}). */
    public String step() {
        return step;
    }
}
