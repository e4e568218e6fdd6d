package dev.shiplane.core.operator;

import java.time.Instant;
import java.util.Optional;

/**
 * Claims of operator request ids (the ledger table), so a retried request is carried out once and a request whose
 * invocation crashed after its claim is not lost. Every write is atomic and conditional: of two invocations racing for
 * one request, exactly one holds it. A holder is a token the caller mints per invocation.
 */
public interface RequestClaims {

    /**
     * Claims {@code requestKey} in progress for {@code holder} if nobody claimed it (or {@code holder} did: an SDK
     * retry of this very write).
     *
     * @param forgetAt when the store may forget the request (longer than any client retries it)
     * @return empty when {@code holder} now holds the claim; otherwise the claim found, untouched
     */
    Optional<RequestClaim> claim(String requestKey, String holder, Instant leaseEnds, Instant forgetAt);

    /**
     * Takes over a claim still in progress whose lease ended, only if its lease is still {@code seenLeaseEnds} (no
     * other retry took it over meanwhile).
     *
     * @return whether {@code holder} now holds the claim
     */
    boolean takeOver(String requestKey, String holder, Instant seenLeaseEnds, Instant leaseEnds, Instant forgetAt);

    /**
     * Records the request as done with its answer, if {@code holder} still holds it.
     *
     * @return false when another invocation took the claim over (this one outlived its lease)
     */
    boolean complete(String requestKey, String holder, RequestClaim.Done answer, Instant forgetAt);

    /**
     * Withdraws {@code holder}'s claim of a request it could not carry out (the bus or the ledger refused), so a retry
     * carries it out at once. A claim held by another holder, or none, is left as it is.
     */
    void release(String requestKey, String holder);
}
