package dev.shiplane.core.rollback;

/** Why a rollback was asked for. {@link #id()} identifies the triggering event, for idempotency. */
public sealed interface RollbackTrigger {

    String id();

    /** {@code alarm}, {@code ecs-failure} or {@code manual}: the {@code trigger} field of the events. */
    String code();

    /** When the alarm behind an alarm trigger changed state; {@code null} for the other triggers. */
    default java.time.Instant alarmAt() {
        return null;
    }

    /**
     * A service's alarm went into ALARM.
     *
     * @param alarmAt when CloudWatch changed the alarm's state ({@code null} when the event did not say)
     */
    record Alarm(String id, String alarmName, String reason, java.time.Instant alarmAt) implements RollbackTrigger {
        @Override
        public String code() {
            return "alarm";
        }
    }

    /** ECS reported a service deployment failed (the deployment circuit breaker). */
    record EcsFailure(String id, String ecsDeploymentId, String reason) implements RollbackTrigger {
        @Override
        public String code() {
            return "ecs-failure";
        }
    }

    /** An operator asked for it. */
    record Manual(String id, String requestedBy, String reason) implements RollbackTrigger {
        @Override
        public String code() {
            return "manual";
        }
    }
}
