package dev.shiplane.cli;

/** The command names an environment or service shiplane.yml does not have; nothing was put on the bus. */
final class UnknownTargetException extends RuntimeException {

    UnknownTargetException(String message) {
        super(message);
    }
}
