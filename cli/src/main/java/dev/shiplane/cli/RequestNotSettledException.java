package dev.shiplane.cli;

/** The operator entry gave no final answer to a request within the attempts the CLI makes ({@link EntryRetries}). */
final class RequestNotSettledException extends RuntimeException {

    RequestNotSettledException(int attempts, String lastProblem, Throwable cause) {
        super(lastProblem + " (after " + attempts + (attempts == 1 ? " attempt" : " attempts") + ")", cause);
    }
}
