package dev.shiplane.sandbox;

import java.util.List;

/**
 * Whether the ledger agrees with what ECS runs: the soak's invariant slot for it. {@link StableRevisionAgreement} is
 * the soak's own, for services that are one ECS service; a fuller check may take its place.
 */
interface LedgerAgreement {

    /** @return one line per disagreement (empty when the ledger and ECS agree) */
    List<String> disagreements();
}
