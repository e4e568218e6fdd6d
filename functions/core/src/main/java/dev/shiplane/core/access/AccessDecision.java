package dev.shiplane.core.access;

import java.util.List;

/**
 * Whether a verified caller may take an action in an environment, and on which ground: {@link OperatorAuthorization}
 * decides it, the operator entry carries it out (an allowed request goes on the bus, a refused one is answered 403
 * and announced) and its {@link #text()} is the answer's and the log's sentence.
 */
public sealed interface AccessDecision {

    /** The environment lists operators and {@code by} names the caller for this action. */
    record Listed(PrincipalPattern by) implements AccessDecision {}

    /**
     * The environment lists no operators, so whoever shiplane's own account lets invoke the operator entry may act:
     * IAM is the only gate there.
     */
    record Unlisted(String account) implements AccessDecision {}

    /** Refused: the environment lists operators and none of those allowed this action is the caller. */
    record NotAnOperator(List<PrincipalPattern> permitted) implements AccessDecision {
        public NotAnOperator {
            permitted = List.copyOf(permitted);
        }
    }

    /** Refused: the environment lists no operators, which opens it to shiplane's own account only. */
    record OtherAccount(String callerAccount, String homeAccount) implements AccessDecision {}

    default boolean allowed() {
        return switch (this) {
            case Listed l -> true;
            case Unlisted u -> true;
            case NotAnOperator n -> false;
            case OtherAccount o -> false;
        };
    }

    /** Why, in one sentence. */
    default String text() {
        return switch (this) {
            case Listed l -> "listed as " + l.by();
            case Unlisted u -> "the environment lists no operators: any principal of account " + u.account()
                    + " allowed to invoke the operator entry";
            case NotAnOperator n -> n.permitted().isEmpty()
                    ? "the environment lists operators, none of them for this action"
                    : "not among the operators allowed this action (" + String.join(", ",
                            n.permitted().stream().map(PrincipalPattern::arn).toList()) + ")";
            case OtherAccount o -> "the environment lists no operators, which admits account " + o.homeAccount()
                    + " only; the caller is of account " + o.callerAccount();
        };
    }
}
