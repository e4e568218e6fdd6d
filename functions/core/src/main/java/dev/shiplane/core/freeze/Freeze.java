package dev.shiplane.core.freeze;

import java.time.Instant;

/**
 * An ad-hoc freeze of one environment, set by an operator ({@code shiplane freeze}) and kept in the ledger.
 *
 * @param until       when it ends by itself
 * @param requestedBy the operator's IAM ARN
 */
public record Freeze(String env, String reason, Instant until, String requestedBy, Instant at) {

    public boolean activeAt(Instant now) {
        return now.isBefore(until);
    }
}
