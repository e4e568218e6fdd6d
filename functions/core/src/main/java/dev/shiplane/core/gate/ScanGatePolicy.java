package dev.shiplane.core.gate;

/** The scan gate's decision: pure, and fail-closed — only a result within tolerance or no scanner at all passes. */
public final class ScanGatePolicy {

    private ScanGatePolicy() {}

    /**
     * @param deadlinePassed the gate's timeout has fired: a scan still pending now blocks instead of waiting
     */
    public static ScanVerdict judge(ScanGate gate, ScanResult result, boolean deadlinePassed) {
        return switch (result) {
            case ScanResult.Complete c when c.counts() == null ->
                    new ScanVerdict.Block("the scan completed without severity counts; nothing proves the image clean");
            case ScanResult.Complete c -> {
                var above = c.counts().entrySet().stream()
                        .filter(e -> e.getValue() != null && e.getValue() > 0
                                && e.getKey().compareTo(gate.maxSeverity()) > 0)
                        .map(java.util.Map.Entry::getKey).max(java.util.Comparator.naturalOrder());
                yield above.<ScanVerdict>map(worst -> new ScanVerdict.Block(c.summary() + ": findings above "
                                + gate.maxSeverity() + " are not tolerated"))
                        .orElseGet(() -> new ScanVerdict.Pass(c.summary() + " (tolerated up to " + gate.maxSeverity()
                                + ")"));
            }
            case ScanResult.Failed f -> new ScanVerdict.Block("the scan did not complete: " + f.status()
                    + (f.description() == null ? "" : " (" + f.description() + ")"));
            case ScanResult.Pending p -> deadlinePassed
                    ? new ScanVerdict.Block("no scan result within " + gate.timeout().toMinutes() + "m")
                    : new ScanVerdict.Wait();
            case ScanResult.NotConfigured n -> new ScanVerdict.Pass("not scanned: " + n.why());
        };
    }
}
