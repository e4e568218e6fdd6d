package dev.shiplane.core.operator;

import java.time.Instant;
import java.util.Optional;

/** What the operator entry does with a request, given the claim it found for the request id and the time. */
public sealed interface ClaimStep {

    /** Nobody claimed it before (or this invocation did): carry the request out. */
    record CarryOut() implements ClaimStep {}

    /** It was carried out and answered: answer it again as a repeat, doing nothing. */
    record AnswerRepeated(RequestClaim.Done first) implements ClaimStep {}

    /** Another invocation may still be carrying it out: ask the client to retry after {@code leaseEnds}. */
    record AnswerInProgress(Instant leaseEnds) implements ClaimStep {}

    /**
     * The invocation that claimed it ended (crash or timeout) without recording it done: take the claim over,
     * conditional on the lease seen, and carry the request out.
     */
    record TakeOver(Instant seenLeaseEnds) implements ClaimStep {}

    /** The decision: a lease protects its holder until its very end, and only a lease that ended can be taken over. */
    static ClaimStep decide(Optional<RequestClaim> found, Instant now) {
        if (found.isEmpty()) return new CarryOut();
        return switch (found.get()) {
            case RequestClaim.Done done -> new AnswerRepeated(done);
            case RequestClaim.InProgress p when now.isBefore(p.leaseEnds()) -> new AnswerInProgress(p.leaseEnds());
            case RequestClaim.InProgress p -> new TakeOver(p.leaseEnds());
        };
    }
}
