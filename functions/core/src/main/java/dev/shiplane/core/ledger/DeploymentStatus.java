package dev.shiplane.core.ledger;

/** Where a deployment is in its life. Terminal states never change again. */
public enum DeploymentStatus {
    /** Lease taken, AWS changes under way (task definition, service update); not yet visible to ECS or announced. */
    PENDING,
    /** ECS is rolling the new revision out; completion arrives as an ECS deployment event. */
    STARTED,
    SUCCEEDED,
    FAILED,
    /** A later push replaced it before it finished. */
    SUPERSEDED,
    /** An operator stopped it. */
    ABORTED,
    /** Undone: by a gate alarm, an ECS failure after completion, or an operator. */
    ROLLED_BACK,
    /** Held before anything is deployed until the image's vulnerability scan reports (or its timeout fires). */
    AWAITING_SCAN,
    /** A gate refused it before anything was deployed. */
    BLOCKED;

    public boolean terminal() {
        return this != PENDING && this != STARTED && this != AWAITING_SCAN;
    }

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
