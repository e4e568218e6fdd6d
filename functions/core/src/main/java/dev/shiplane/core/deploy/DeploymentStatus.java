package dev.shiplane.core.deploy;

/** Where a deployment is in its life. Terminal states never change again. */
public enum DeploymentStatus {
    /** Lease taken, AWS changes under way (task definition, service update); not yet visible to ECS or announced. */
    PENDING,
    /** ECS is rolling the new revision out; completion arrives as an ECS deployment event. */
    STARTED,
    SUCCEEDED,
    FAILED,
    /** A later push replaced it before it finished. */
    SUPERSEDED;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == SUPERSEDED;
    }

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
