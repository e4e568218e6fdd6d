package dev.shiplane.sandbox.crac;

/** A resource refused the checkpoint; the org.crac compat layer maps it to its own exception. */
public class CheckpointException extends Exception {

    public CheckpointException(Throwable cause) {
        super(cause);
    }
}
