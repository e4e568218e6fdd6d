package dev.shiplane.runtime;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Runs a function's priming step before Lambda SnapStart takes its snapshot: the work a first invocation would
 * otherwise pay after every restore (building the SDK clients, which loads and links most of the SDK) is done once,
 * at publish time, and lands in the snapshot. Priming must have no side effect outside the JVM: it builds, it does
 * not call AWS.
 *
 * <p>On a JVM without CRaC (a plain Lambda, the sandbox, tests) org.crac registers into a no-op context and
 * {@link #beforeCheckpoint} never runs. CRaC keeps resources weakly, so the handler holds the returned instance.
 */
public final class SnapStartPriming implements Resource {

    private final Runnable prime;

    private SnapStartPriming(Runnable prime) {
        this.prime = prime;
    }

    /** Registers {@code prime} to run before the checkpoint; keep the returned resource referenced. */
    public static SnapStartPriming register(Runnable prime) {
        var priming = new SnapStartPriming(prime);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime.run();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: credentials come from the container endpoint on the first call after restore
    }
}
