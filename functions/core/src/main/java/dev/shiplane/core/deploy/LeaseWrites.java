package dev.shiplane.core.deploy;

import dev.shiplane.core.ports.Ledger;

/**
 * Taking a service's lease is a conditional write whose answer can be lost after it landed (a timeout, a reset
 * connection; or the SDK retries it and the retry is refused as stale because the first attempt had landed). The
 * lease would then hold the service for its whole time to live, and every redelivery of the event would be refused
 * as busy until it expired. So a failed lease write gives the lease back if, and only if, that very write landed
 * ({@link Ledger#releaseLease} matches its version, owner and expiry): never another invocation's lease.
 */
public final class LeaseWrites {

    private LeaseWrites() {}

    /** Runs {@code write}, which takes {@code leased}'s lease; if it fails, gives that lease back should it have landed. */
    public static void take(Ledger ledger, ServiceState leased, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException failure) {
            try {
                ledger.releaseLease(leased);
            } catch (RuntimeException releaseFailure) {
                failure.addSuppressed(releaseFailure); // the lease then expires, as it would have
            }
            throw failure;
        }
    }
}
