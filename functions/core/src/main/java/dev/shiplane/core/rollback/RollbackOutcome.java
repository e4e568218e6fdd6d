package dev.shiplane.core.rollback;

import dev.shiplane.core.canary.RolloutOutcome;
import java.util.List;

/**
 * What a rollback trigger did; callers and tests switch on the case, {@link #text()} is only for the log line and the
 * invocation's result.
 */
public sealed interface RollbackOutcome {

    String text();

    /** Nothing to roll back: not shiplane's service or deployment, already rolled back, verified before the alarm. */
    record Ignored(String why) implements RollbackOutcome {
        public String text() {
            return "ignored: " + why;
        }
    }

    /** It cannot be rolled back; {@code Rollback Failed} said so. */
    record Failed(String reason) implements RollbackOutcome {
        public String text() {
            return "failed: " + reason;
        }
    }

    /** The service points at a known-good revision again. */
    record Restored(String taskDefinition) implements RollbackOutcome {
        public String text() {
            return "rolled back to " + taskDefinition;
        }
    }

    /** A progressive rollout was running: its step machine handled the rollback. */
    record ByRollout(RolloutOutcome outcome) implements RollbackOutcome {
        public String text() {
            return outcome.text();
        }
    }

    /** A trigger that reaches several services (an alarm several list, an environment's emergency rollback). */
    record PerService(List<ServiceRollback> services) implements RollbackOutcome {
        public PerService {
            services = List.copyOf(services);
        }

        public String text() {
            return String.join("; ", services.stream()
                    .map(s -> s.env() + "/" + s.service() + " " + s.outcome().text()).toList());
        }
    }

    /** One service's part of a {@link PerService} outcome. */
    record ServiceRollback(String env, String service, RollbackOutcome outcome) {}
}
