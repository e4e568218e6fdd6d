package dev.shiplane.core.freeze;

/** Whether a deployment may start in an environment now. Rollbacks never ask. */
public sealed interface FreezeVerdict {

    record Open() implements FreezeVerdict {}

    /** @param detail which freeze, until when, and why: the skip's {@code detail} */
    record Frozen(String detail) implements FreezeVerdict {}

    /** {@code none} or {@code frozen}, as {@code shiplane plan} prints it. */
    default String code() {
        return this instanceof Frozen ? "frozen" : "none";
    }
}
