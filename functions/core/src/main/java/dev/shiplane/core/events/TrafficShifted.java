package dev.shiplane.core.events;

import java.time.Instant;

/**
 * The listener rule's weights changed during a rollout.
 *
 * @param step         1-based step number, of {@code steps}
 * @param canaryWeight percent of traffic now on the new colour; {@code stableWeight} the rest
 */
public record TrafficShifted(String env, String service, String deploymentId, int step, int steps, int canaryWeight,
                             int stableWeight, String canaryColour, Instant nextCheckAt, Instant at)
        implements DomainEvent {

    public static final String DETAIL_TYPE = "Traffic Shifted";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
