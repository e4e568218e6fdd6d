package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.freeze.FreezeVerdict;
import dev.shiplane.core.gate.ScanCheck;
import java.util.Optional;

/**
 * The answers {@link DeployPlanner#decide} weighs for one push to one target, besides the push and the
 * configuration. The decision asks each only when it reaches it — a push to an environment that takes images by
 * promotion reads nothing, a duplicate asks no freeze and no scan — so the deploy path reads them lazily from the
 * ledger, the freezes and the registry, while {@code shiplane plan} and tests hand in {@link Known} answers.
 */
public interface DeployFacts {

    /** This push's deployment here, if an earlier delivery of the event recorded one. */
    Optional<Deployment> existing();

    /** The service's ledger head: lease, latest push, quarantined digests. */
    ServiceState state();

    /** Whether the environment is frozen now; asked only by a deployment about to begin. */
    FreezeVerdict freeze();

    /** The environment's scan gate on this image; asked only by a deployment about to begin and not frozen. */
    ScanCheck scan();

    /** Answers already in hand. */
    record Known(Optional<Deployment> existing, ServiceState state, FreezeVerdict freeze, ScanCheck scan)
            implements DeployFacts {}
}
