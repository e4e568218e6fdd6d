package dev.shiplane.core.observability;

import dev.shiplane.core.dora.LeadTime;
import java.time.Duration;

/**
 * Operational metrics of shiplane itself (graphed on its dashboard, alarmed on by its stack), and the DORA figures
 * per environment and service as they happen.
 */
public interface DeliveryMetrics {

    /**
     * A deployment reached success.
     *
     * @param duration   from shiplane starting it to ECS (or promotion) finishing
     * @param leadTime   DORA's lead time for changes: from the commit when the image said when it was made, from
     *                   the push otherwise, and which; {@code null} when it cannot be told (see
     *                   {@link dev.shiplane.core.dora.DoraMetrics#leadTime})
     * @param pushToLive from the image's push to this success, whatever the image says; {@code null} when it
     *                   cannot be told ({@link dev.shiplane.core.dora.DoraMetrics#pushToLive})
     */
    void deploymentSucceeded(String env, String service, Duration duration, LeadTime leadTime, Duration pushToLive);

    /**
     * A deployment was rolled back: a change failure.
     *
     * @param trigger       {@code alarm}, {@code ecs-failure} or {@code manual}
     * @param timeToRestore from the alarm (or the rollback request) to the rollback (see
     *                      {@link dev.shiplane.core.dora.DoraMetrics#timeToRestore})
     */
    void rolledBack(String env, String service, String trigger, Duration timeToRestore);
}
