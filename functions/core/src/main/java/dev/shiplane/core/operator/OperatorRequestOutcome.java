package dev.shiplane.core.operator;

import dev.shiplane.core.access.AccessDecision;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.RequestRefused;
import java.time.Instant;

/** What became of one operator request; the entry answers from it, and its {@link #text()} is the log line. */
public sealed interface OperatorRequestOutcome {

    /** Allowed and carried out: {@code published} went on the bus (after the ledger write, for a freeze). */
    record Accepted(DomainEvent published, AccessDecision grounds) implements OperatorRequestOutcome {}

    /** Allowed, but there was nothing to do: an unfreeze of an environment without an ad-hoc freeze. */
    record NothingToDo(String why, AccessDecision grounds) implements OperatorRequestOutcome {}

    /** Refused: nothing changed; {@code announced} went on the bus so the attempt is visible. */
    record Refused(RequestRefused announced, AccessDecision decision) implements OperatorRequestOutcome {}

    /**
     * The request id was handled before: nothing is carried out or announced again; {@code decision} is the same
     * authorization, so a refused request is answered as refused again.
     *
     * @param firstOutcome the first answer's {@link #code()} ({@code accepted}, {@code refused}, …)
     */
    record Repeated(String requestId, AccessDecision decision, String firstOutcome) implements OperatorRequestOutcome {}

    /**
     * Another invocation claimed the request id and may still be carrying it out: nothing was done; a retry after
     * {@code retryAfter} (the end of that invocation's lease) is answered as a repeat, or carries the request out if
     * that invocation ended without doing so.
     */
    record InProgress(String requestId, Instant retryAfter) implements OperatorRequestOutcome {}

    /**
     * The request names an environment or service {@code shiplane.yml} does not have, or lacks what its action needs;
     * nothing was decided or changed.
     */
    record Invalid(String problem) implements OperatorRequestOutcome {}

    /** The outcome's name in the entry's answer and metrics. */
    default String code() {
        return switch (this) {
            case Accepted a -> "accepted";
            case NothingToDo n -> "nothing-to-do";
            case Refused r -> "refused";
            case Repeated r -> "repeated";
            case InProgress p -> "in-progress";
            case Invalid i -> "invalid";
        };
    }

    default String text() {
        return switch (this) {
            case Accepted a -> a.published().detailType() + " put on the bus (" + a.grounds().text() + ")";
            case NothingToDo n -> n.why();
            case Refused r -> "refused " + r.announced().action() + " in " + r.announced().env() + " for "
                    + r.announced().requestedBy() + ": " + r.decision().text();
            case Repeated r -> "request " + r.requestId() + " was handled already (" + r.firstOutcome() + ")"
                    + (r.decision().allowed() ? "" : " (refused: " + r.decision().text() + ")");
            case InProgress p -> "request " + p.requestId() + " is still being carried out: retry it with the same"
                    + " request id after " + p.retryAfter();
            case Invalid u -> u.problem();
        };
    }
}
