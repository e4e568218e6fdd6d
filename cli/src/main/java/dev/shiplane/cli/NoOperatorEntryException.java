package dev.shiplane.cli;

/**
 * No operator entry to send a request to: neither a URL given nor the delivery stack's output found. Every operator
 * action goes through the entry (where AWS verifies who asks), so the CLI stops here rather than put the request on
 * the bus itself; exits {@link ShiplaneCli#USAGE}.
 */
final class NoOperatorEntryException extends RuntimeException {
    NoOperatorEntryException(String message) {
        super(message);
    }
}
