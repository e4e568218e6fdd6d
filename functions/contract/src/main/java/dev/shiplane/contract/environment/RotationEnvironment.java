package dev.shiplane.contract.environment;

/** Variables of the rotation function, besides {@link DeliveryEnvironment#BUS_NAME}. */
public final class RotationEnvironment {

    /** Seconds after which another run's pending version is abandoned; must exceed the function timeout. */
    public static final String STALE_SECONDS = "SHIPLANE_ROTATION_STALE_SECONDS";
    /** Seconds the database may take to connect or answer. */
    public static final String DB_TIMEOUT_SECONDS = "SHIPLANE_DB_TIMEOUT_SECONDS";

    private RotationEnvironment() {}
}
