package dev.shiplane.contract;

/**
 * An event that cannot be what its envelope claims: not JSON, or a required field missing or of the wrong type.
 * The message names the field; it never echoes the event body.
 */
public final class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
