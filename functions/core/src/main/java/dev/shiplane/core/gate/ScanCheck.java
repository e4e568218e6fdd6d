package dev.shiplane.core.gate;

/** What an environment's scan gate says to a deployment about to begin: the deploy decision's scan input. */
public sealed interface ScanCheck {

    /** The environment has no scan gate. */
    record Ungated() implements ScanCheck {}

    /** A report-only gate: its verdict is announced ({@code Gate Passed|Failed}) but never holds or blocks. */
    record Reported(ScanVerdict verdict) implements ScanCheck {}

    /** An enforced gate: {@code Wait} holds the deployment, {@code Block} refuses it, {@code Pass} lets it begin. */
    record Enforced(ScanVerdict verdict) implements ScanCheck {}
}
