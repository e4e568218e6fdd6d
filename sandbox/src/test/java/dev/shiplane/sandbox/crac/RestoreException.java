package dev.shiplane.sandbox.crac;

/** A resource failed after the restore; the org.crac compat layer maps it to its own exception. */
public class RestoreException extends Exception {

    public RestoreException(Throwable cause) {
        super(cause);
    }
}
