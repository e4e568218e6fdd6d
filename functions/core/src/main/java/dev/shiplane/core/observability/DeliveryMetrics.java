package dev.shiplane.core.observability;

import java.time.Duration;

/** Operational metrics of shiplane itself (graphed on its dashboard, alarmed on by its stack). */
public interface DeliveryMetrics {

    /** A deployment reached success: {@code duration} from shiplane starting it to ECS (or promotion) finishing. */
    void deploymentSucceeded(String env, String service, Duration duration);

    /** A deployment was rolled back; {@code trigger} is {@code alarm}, {@code ecs-failure} or {@code manual}. */
    void rolledBack(String env, String service, String trigger);

    DeliveryMetrics NONE = new DeliveryMetrics() {
        @Override
        public void deploymentSucceeded(String env, String service, Duration duration) {}

        @Override
        public void rolledBack(String env, String service, String trigger) {}
    };
}
