package dev.shiplane.core.rollout;

import dev.shiplane.core.config.BlueGreenNames;
import dev.shiplane.core.canary.Colour;
import dev.shiplane.core.canary.Routing;

/** Weighted routing between the two colours of a progressive service (ELBv2 weighted forward actions). */
public interface TrafficRouter {

    /**
     * Finds the target groups by name and the listener rule that forwards to both of them.
     *
     * @throws IllegalStateException naming what is missing (a target group, or a rule forwarding to both)
     */
    Routing discover(BlueGreenNames names);

    /** Sends {@code canaryWeight} percent to the canary colour's target group and the rest to the other. Idempotent. */
    void setWeights(Routing routing, Colour canary, int canaryWeight);
}
