package dev.shiplane.core.fakes;

import dev.shiplane.core.operator.RequestClaim;
import dev.shiplane.core.operator.RequestClaims;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link RequestClaims} in memory; proven equal to DynamoDB by {@code RequestClaimsContract}. */
public final class InMemoryRequestClaims implements RequestClaims {

    private record Held(String holder, RequestClaim claim) {}

    private final Map<String, Held> claims = new HashMap<>();

    @Override
    public synchronized Optional<RequestClaim> claim(String requestKey, String holder, Instant leaseEnds,
                                                     Instant forgetAt) {
        var found = claims.get(requestKey);
        if (found != null && !found.holder().equals(holder)) return Optional.of(found.claim());
        claims.put(requestKey, new Held(holder, new RequestClaim.InProgress(leaseEnds)));
        return Optional.empty();
    }

    @Override
    public synchronized boolean takeOver(String requestKey, String holder, Instant seenLeaseEnds, Instant leaseEnds,
                                         Instant forgetAt) {
        var found = claims.get(requestKey);
        if (found == null || !found.claim().equals(new RequestClaim.InProgress(seenLeaseEnds))) return false;
        claims.put(requestKey, new Held(holder, new RequestClaim.InProgress(leaseEnds)));
        return true;
    }

    @Override
    public synchronized boolean complete(String requestKey, String holder, RequestClaim.Done answer,
                                         Instant forgetAt) {
        var found = claims.get(requestKey);
        if (found == null || !found.holder().equals(holder)) return false;
        claims.put(requestKey, new Held(holder, answer));
        return true;
    }

    @Override
    public synchronized void release(String requestKey, String holder) {
        claims.computeIfPresent(requestKey, (key, found) -> found.holder().equals(holder) ? null : found);
    }

    /** What is held for {@code requestKey}, as a retry would find it. */
    public synchronized Optional<RequestClaim> of(String requestKey) {
        return Optional.ofNullable(claims.get(requestKey)).map(Held::claim);
    }
}
