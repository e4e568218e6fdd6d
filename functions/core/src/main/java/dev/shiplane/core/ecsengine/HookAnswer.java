package dev.shiplane.core.ecsengine;

import dev.shiplane.core.events.DomainEvent;
import java.time.Duration;
import java.util.List;

/**
 * What shiplane's hooks function answers ECS, decided by {@link HookPolicy}, with the announcements the decision
 * makes. {@code why} / {@code reason} is for the log line and people, never parsed.
 */
public sealed interface HookAnswer {

    /** The events to put on shiplane's bus, once per invocation. */
    List<DomainEvent> announcements();

    /** {@code SUCCEEDED}, {@code FAILED} or {@code IN_PROGRESS}: ECS's {@code hookStatus}. */
    String hookStatus();

    /** The deployment goes on to its next stage. */
    record Succeeded(String why, List<DomainEvent> announcements) implements HookAnswer {
        public Succeeded {
            announcements = List.copyOf(announcements);
        }

        @Override
        public String hookStatus() {
            return "SUCCEEDED";
        }
    }

    /**
     * ECS rolls the deployment back to the last successful revision.
     *
     * @param blocked the deployment is refused before any task of it ran (a gate at {@code PRE_SCALE_UP}): the ledger
     *                records it as {@code blocked}, so ECS's rollback of it is not taken for a failure to roll back
     */
    record Failed(String reason, List<DomainEvent> announcements, boolean blocked) implements HookAnswer {
        public Failed {
            announcements = List.copyOf(announcements);
        }

        /** A refusal that blocks nothing in the ledger (an unknown stage, a failed check). */
        public Failed(String reason, List<DomainEvent> announcements) {
            this(reason, announcements, false);
        }

        @Override
        public String hookStatus() {
            return "FAILED";
        }
    }

    /** ECS invokes the hook again {@code callBackDelay} later, handing {@code progress} back in its hookDetails. */
    record InProgress(Duration callBackDelay, HookProgress progress, String why, List<DomainEvent> announcements)
            implements HookAnswer {
        public InProgress {
            announcements = List.copyOf(announcements);
        }

        @Override
        public String hookStatus() {
            return "IN_PROGRESS";
        }
    }
}
