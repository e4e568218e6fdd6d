package dev.shiplane.sandbox.ecsengine;

/** Where a native service's production traffic goes: the load balancer's part of ECS's engine. */
public interface ProductionTraffic {

    /** {@code targetPercent} of the service's production traffic goes to the revision being deployed. */
    void shift(String cluster, String service, double targetPercent);

    /**
     * The deployment is over. When {@code promoted}, the revision being deployed has all the traffic and the next
     * deployment starts from it; otherwise all traffic is back on the revision it started from.
     */
    void settle(String cluster, String service, boolean promoted);
}
