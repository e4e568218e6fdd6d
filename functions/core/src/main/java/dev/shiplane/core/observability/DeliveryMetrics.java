package dev.shiplane.core.observability;

import java.time.Duration;

/**
 * Operational metrics of shiplane itself (graphed on its dashboard, alarmed on by its stack), and the DORA figures
 * per environment and service as they happen.
 */
public interface DeliveryMetrics {

    /**
     * A deployment reached success.
     *
     * @param duration from shiplane starting it to ECS (or promotion) finishing
     * @param leadTime from the image's push to this success; {@code null} when it cannot be told (see
     *                 {@link dev.shiplane.core.dora.DoraMetrics#leadTime})
     */
    void deploymentSucceeded(String env, String service, Duration duration, Duration leadTime);

    /**
     * A deployment was rolled back: a change failure.
     *
     * @param trigger       {@code alarm}, {@code ecs-failure} or {@code manual}
     * @param timeToRestore from the alarm (or the rollback request) to the rollback (see
     *                      {@link dev.shiplane.core.dora.DoraMetrics#timeToRestore})
     */
    void rolledBack(String env, String service, String trigger, Duration timeToRestore);
}
