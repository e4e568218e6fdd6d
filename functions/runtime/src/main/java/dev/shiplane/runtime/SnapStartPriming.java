package dev.shiplane.runtime;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Runs a function's priming step before Lambda SnapStart takes its snapshot: the work a first invocation would
 * otherwise pay after every restore (building the SDK clients, running the SDK's request path and the event parser
 * for the first time, which loads, links and interprets a few thousand classes) is done once, at publish time, and
 * lands in the snapshot. Priming must have no side effect outside the JVM: it builds, and it exercises the SDK only
 * through twin clients that answer in-process ({@code AwsClients.prime}); it never calls AWS.
 *
 * <p>On a JVM without CRaC (a plain Lambda, the sandbox, tests) org.crac registers into a no-op context and
 * {@link #beforeCheckpoint} never runs, unless the system property {@code org.crac.Core.Compat} names a package that
 * takes the registrations: SnapStart's runtime provides one, and so does the launcher {@code scripts/bench} and
 * {@code ShadedJarIT} start packages with. CRaC keeps resources weakly, so the handler holds the returned instance.
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
