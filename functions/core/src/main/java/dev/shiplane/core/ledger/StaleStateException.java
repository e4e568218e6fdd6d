package dev.shiplane.core.ledger;

/** A conditional ledger write lost a race. The invocation fails and its retry decides again on fresh state. */
public final class StaleStateException extends RuntimeException {
    public StaleStateException(String message) {
        super(message);
    }
}
