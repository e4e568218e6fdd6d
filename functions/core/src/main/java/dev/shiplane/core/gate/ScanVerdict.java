package dev.shiplane.core.gate;

/** What the scan gate says about one image for one environment, decided by {@link ScanGatePolicy}. */
public sealed interface ScanVerdict {

    /** Deploy. {@code evidence} is what the ledger and {@code Gate Passed} record (counts, or why nothing scanned). */
    record Pass(String evidence) implements ScanVerdict {}

    /** Do not deploy; {@code reason} names the counts, the failed scan or the missed deadline. */
    record Block(String reason) implements ScanVerdict {}

    /** The result is not in yet: record the deployment as awaiting the scan. */
    record Wait() implements ScanVerdict {}
}
