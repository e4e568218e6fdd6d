package dev.shiplane.core.canary;

/** One of the two ECS services (and target groups) of a progressive service. */
public enum Colour {
    BLUE, GREEN;

    public Colour other() {
        return this == BLUE ? GREEN : BLUE;
    }

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
