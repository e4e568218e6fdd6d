package dev.shiplane.core.operator;

import dev.shiplane.core.access.OperatorAction;
import dev.shiplane.core.events.RolloutCommand;
import java.time.Instant;

/**
 * What an operator asks the operator entry for, as the request's body says it. Who asks is never part of it: that is
 * the caller AWS verified.
 */
public sealed interface OperatorRequest {

    /** The request's idempotency key: the same request is carried out, or refused, once. */
    String requestId();

    String env();

    /** The service it names; {@code null} for a freeze, an unfreeze or an emergency rollback. */
    String service();

    OperatorAction action();

    /** {@code shiplane deploy}: a tag, or a digest ({@code sha256:…}). */
    record Deploy(String requestId, String env, String service, String image, String reason) implements OperatorRequest {
        public OperatorAction action() {
            return OperatorAction.DEPLOY;
        }
    }

    /** {@code shiplane rollback}: one service, or with {@code all} every service of the environment. */
    record Rollback(String requestId, String env, String service, boolean all, String reason)
            implements OperatorRequest {
        public OperatorAction action() {
            return OperatorAction.ROLLBACK;
        }
    }

    /** {@code shiplane promote|abort|pause|resume}. */
    record Rollout(String requestId, RolloutCommand.Kind kind, String env, String service, String reason)
            implements OperatorRequest {
        public OperatorAction action() {
            return OperatorAction.fromCode(kind.code());
        }
    }

    /** {@code shiplane freeze}. */
    record Freeze(String requestId, String env, Instant until, String reason) implements OperatorRequest {
        public String service() {
            return null;
        }

        public OperatorAction action() {
            return OperatorAction.FREEZE;
        }
    }

    /** {@code shiplane unfreeze}. */
    record Unfreeze(String requestId, String env) implements OperatorRequest {
        public String service() {
            return null;
        }

        public OperatorAction action() {
            return OperatorAction.UNFREEZE;
        }
    }
}
