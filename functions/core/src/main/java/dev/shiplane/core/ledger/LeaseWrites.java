package dev.shiplane.core.ledger;


/**
 * How a service's lease is taken and given back; every use case that leases a service goes through here.
 *
 * <p>A lease is taken by a conditional write of the head ({@code leased}: the next version, with this invocation as
 * owner until an expiry). It ends in one of two ways:
 * <ul>
 *   <li><b>finished</b>: the use case commits its result as the head after {@code leased}, without the lease
 *   ({@link ServiceState#released()} of what it changed), in the same conditional write. That write must land; if it
 *   is stale, the use case fails and its event is retried. Nothing here is involved.</li>
 *   <li><b>given back</b> ({@link #giveBack}): the use case failed under the lease, or the lease write itself failed.
 *   The head goes back to what {@code leased} wrote, one version on, without the lease — pending rollout actions and
 *   everything else the lease write committed stay, for whoever takes the service next — so the retried event finds
 *   the service free instead of waiting for the lease to expire.</li>
 * </ul>
 *
 * <p>A give-back gives back {@code leased} itself and nothing else: only while the head is still exactly that write
 * (its version, owner and expiry; {@link Ledger#releaseLease}). That one rule covers both cases a give-back meets:
 * <ul>
 *   <li><b>the lease write landed</b> (its commit returned; the work after it failed): the head is still that write
 *   unless something wrote after it — this invocation's own finishing commit (when what failed came after it), or,
 *   once the lease expired, another invocation. Then there is nothing of ours to give back, and nothing is
 *   changed.</li>
 *   <li><b>the lease write's outcome is unknown</b> ({@link #take}: its answer lost after it landed, or the SDK's
 *   retry of it refused as stale because the first attempt had landed): the head at that version may be another
 *   invocation's lease, which the owner and expiry tell apart; it is never given back.</li>
 * </ul>
 * A give-back that fails (the ledger unreachable) is added to the failure being thrown, as suppressed: the lease then
 * expires at its time, as it would have without the give-back.
 */
public final class LeaseWrites {

    private LeaseWrites() {}

    /** Runs {@code write}, which takes {@code leased}'s lease; if it fails, gives that lease back should it have landed. */
    public static void take(Ledger ledger, ServiceState leased, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException failure) {
            giveBack(ledger, leased, failure);
            throw failure;
        }
    }

    /**
     * Gives back the lease {@code leased} took, if the head is still exactly that write; the caller then throws
     * {@code failure}, to which a failure of the give-back itself is added.
     */
    public static void giveBack(Ledger ledger, ServiceState leased, RuntimeException failure) {
        try {
            ledger.releaseLease(leased);
        } catch (RuntimeException giveBackFailure) {
            failure.addSuppressed(giveBackFailure); // the lease then expires, as it would have
        }
    }
}
