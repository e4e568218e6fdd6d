package dev.shiplane.core.operator;

import dev.shiplane.core.access.AccessDecision;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.RequestRefused;

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
     */
    record Repeated(String requestId, AccessDecision decision) implements OperatorRequestOutcome {}

    /**
     * The request names an environment or service {@code shiplane.yml} does not have, or lacks what its action needs;
     * nothing was decided or changed.
     */
    record Invalid(String problem) implements OperatorRequestOutcome {}

    default String text() {
        return switch (this) {
            case Accepted a -> a.published().detailType() + " put on the bus (" + a.grounds().text() + ")";
            case NothingToDo n -> n.why();
            case Refused r -> "refused " + r.announced().action() + " in " + r.announced().env() + " for "
                    + r.announced().requestedBy() + ": " + r.decision().text();
            case Repeated r -> "request " + r.requestId() + " was handled already"
                    + (r.decision().allowed() ? "" : " (refused: " + r.decision().text() + ")");
            case Invalid u -> u.problem();
        };
    }
}
