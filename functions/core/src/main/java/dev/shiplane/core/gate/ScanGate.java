package dev.shiplane.core.gate;

import java.time.Duration;
import java.util.Objects;

/**
 * An environment's vulnerability-scan gate ({@code scanGate:} in shiplane.yml).
 *
 * @param maxSeverity highest finding severity tolerated; any finding above it blocks the deployment
 * @param enforced    {@code false} for "report only": results are announced but never hold or block a deployment
 * @param timeout     how long a deployment waits for the scan result before it is blocked
 */
public record ScanGate(Severity maxSeverity, boolean enforced, Duration timeout) {

    public static final String NAME = "scan";

    public ScanGate {
        Objects.requireNonNull(maxSeverity, "maxSeverity");
        Objects.requireNonNull(timeout, "timeout");
    }
}
