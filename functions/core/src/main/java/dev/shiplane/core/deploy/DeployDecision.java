package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.gate.ScanCheck;

/** What to do with one push for one target, decided by {@link DeployPlanner}. */
public sealed interface DeployDecision {

    /** Do not deploy; publish {@code Deployment Skipped}. {@code close}, if set, is a stale pending entry to end. */
    record Skip(SkipReason reason, String detail, Deployment close) implements DeployDecision {
        public Skip(SkipReason reason, String detail) {
            this(reason, detail, null);
        }
    }

    /**
     * Take the service lease and deploy. {@code scan} is what the scan gate said, announced before anything changes
     * in AWS.
     */
    record Begin(ScanCheck scan) implements DeployDecision {}

    /** An earlier invocation took the lease for this very deployment and stopped part-way; finish its work. */
    record Resume(Deployment pending) implements DeployDecision {}

    /** The deployment is done but its event was never published (crash after the ledger write); publish it now. */
    record Announce(Deployment deployment) implements DeployDecision {}

    /** Another invocation is changing this service right now; fail so the event is retried after it finishes. */
    record Busy(String why) implements DeployDecision {}

    /** The enforced scan gate has no result yet: record the deployment as awaiting it, with a timeout. */
    record AwaitScan() implements DeployDecision {}

    /** The enforced scan gate refuses the image; nothing changes in AWS. */
    record ScanBlocked(String reason) implements DeployDecision {}
}
