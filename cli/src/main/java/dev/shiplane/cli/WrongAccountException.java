package dev.shiplane.cli;

/**
 * The command names an environment in another AWS account than the one the caller's credentials are for: its ledger
 * and bus are not the ones these credentials reach, so nothing was read or put.
 */
final class WrongAccountException extends RuntimeException {

    WrongAccountException(String message) {
        super(message);
    }
}
