package dev.shiplane.core.canary;

/** Where a progressive rollout is. The first four are active; the others are final. */
public enum RolloutPhase {
    /** The new colour runs the new revision at full size; ECS has not reported it healthy yet. No traffic. */
    WAITING_FOR_HEALTHY,
    /** Healthy; the pre-traffic checks run against the new colour alone. Still no traffic. */
    PRE_TRAFFIC_CHECKS,
    /** The new colour takes a share of traffic; the next step is scheduled. */
    SHIFTING,
    /**
     * All traffic on the new colour after the last step baked; the post-promotion checks run against the live
     * service. The old colour still runs, so a failing check puts traffic back on it at once.
     */
    POST_PROMOTION_CHECKS,
    /** All traffic on the new colour, which is now the live colour; the old colour is scaled to zero. */
    PROMOTED,
    /** An operator aborted it: traffic back on the live colour, new colour scaled to zero. */
    ABORTED,
    /** A gate alarm fired: traffic back on the live colour, new colour scaled to zero. */
    ROLLED_BACK,
    /** ECS could not start the new revision. */
    FAILED,
    /** A newer image replaced it mid-way; traffic went back to the live colour first. */
    SUPERSEDED;

    public boolean active() {
        return this == WAITING_FOR_HEALTHY || this == PRE_TRAFFIC_CHECKS || this == SHIFTING
                || this == POST_PROMOTION_CHECKS;
    }

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
