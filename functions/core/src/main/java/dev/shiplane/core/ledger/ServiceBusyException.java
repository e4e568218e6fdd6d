package dev.shiplane.core.ledger;

/**
 * Some targets of a push could not be deployed yet because another invocation holds their lease. Thrown after
 * every other target was handled, so the retry of the same event only has the busy ones left to do.
 */
public final class ServiceBusyException extends RuntimeException {
    public ServiceBusyException(String message) {
        super(message);
    }
}
