package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentId;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.freeze.FreezeVerdict;
import dev.shiplane.core.gate.ScanCheck;
import dev.shiplane.core.gate.ScanVerdict;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.policy.TagVerdict;
import java.time.Instant;

/**
 * The deploy decision: what one push means for one target. Pure, and the only place that orders the questions — the
 * deploy function and {@code shiplane plan} both ask it: promotion, tag policy, the ledger (duplicate, quarantine,
 * lease, superseded), then, for a deployment about to begin only, the freeze and the scan gate.
 */
public final class DeployPlanner {

    private DeployPlanner() {}

    /**
     * @param promotion the image comes by promotion or an operator's explicit deploy, not by a push: an environment
     *                  that takes images only by promotion accepts it
     */
    public static DeployDecision decide(Target target, ImagePush push, boolean promotion, TagVerdict tag,
                                        DeployFacts facts, Instant now) {
        if (target.environment().promoted() && !promotion) {
            return new DeployDecision.Skip(SkipReason.PROMOTION, target.env() + " " + promotionRule(
                    target.environment()));
        }
        if (tag instanceof TagVerdict.Rejected rejected) {
            return new DeployDecision.Skip(rejected.reason(), rejected.explanation());
        }
        var deploymentId = DeploymentId.of(push.pushId(), target.env(), target.serviceName());
        var existing = facts.existing();
        var state = facts.state();
        // A deployment held for its scan has changed nothing yet: it is decided like a new one when the scan reports.
        if (existing.isPresent() && existing.get().status() != DeploymentStatus.AWAITING_SCAN) {
            return decideForExisting(push, existing.get(), state, now);
        }
        if (state.quarantined().contains(push.digest())) {
            return new DeployDecision.Skip(SkipReason.QUARANTINED, push.digest() + " was rolled back in "
                    + state.env() + "/" + state.service() + "; only an explicit deploy takes it again");
        }
        if (state.leasedByOtherThan(deploymentId, now)) {
            return new DeployDecision.Busy("deployment " + state.leaseOwner() + " holds the lease until "
                    + state.leaseExpiresAt());
        }
        if (isOlderThanLatest(push, state)) {
            return supersededSkip(push, state, null);
        }
        return gated(facts);
    }

    /** How an environment that takes images by promotion takes them, for people. */
    static String promotionRule(EnvironmentSpec environment) {
        return "takes images by promotion from " + environment.promoteFrom() + " after "
                + environment.promoteAfter().toMinutes() + "m without alarms";
    }

    /** Only a deployment about to begin asks: one already under way finishes, and rollbacks never ask. */
    private static DeployDecision gated(DeployFacts facts) {
        if (facts.freeze() instanceof FreezeVerdict.Frozen frozen) {
            return new DeployDecision.Skip(SkipReason.FREEZE, frozen.detail());
        }
        var scan = facts.scan();
        return switch (scan) {
            case ScanCheck.Enforced(ScanVerdict.Wait _) -> new DeployDecision.AwaitScan();
            case ScanCheck.Enforced(ScanVerdict.Block b) -> new DeployDecision.ScanBlocked(b.reason());
            case ScanCheck.Enforced(ScanVerdict.Pass _), ScanCheck.Reported _, ScanCheck.Ungated _ ->
                    new DeployDecision.Begin(scan);
        };
    }

    private static DeployDecision decideForExisting(ImagePush push, Deployment existing, ServiceState state,
                                                    Instant now) {
        if (existing.status() != DeploymentStatus.PENDING) {
            return existing.needsAnnouncement()
                    ? new DeployDecision.Announce(existing)
                    : new DeployDecision.Skip(SkipReason.DUPLICATE, "push " + push.pushId()
                            + " was already handled (deployment " + existing.deploymentId() + " is "
                            + existing.status().code() + ")");
        }
        if (state.leasedLiveBy(existing.deploymentId(), now)) {
            return new DeployDecision.Busy("this push is being deployed by another invocation");
        }
        if (state.leasedByOtherThan(existing.deploymentId(), now)) {
            return new DeployDecision.Busy("deployment " + state.leaseOwner() + " holds the lease until "
                    + state.leaseExpiresAt());
        }
        if (isOlderThanLatest(push, state)) {
            return supersededSkip(push, state, existing);
        }
        return new DeployDecision.Resume(existing);
    }

    private static boolean isOlderThanLatest(ImagePush push, ServiceState state) {
        return state.latestPushedAt() != null && push.pushedAt().isBefore(state.latestPushedAt());
    }

    private static DeployDecision.Skip supersededSkip(ImagePush push, ServiceState state, Deployment close) {
        return new DeployDecision.Skip(SkipReason.SUPERSEDED, "an image pushed at " + state.latestPushedAt()
                + " is newer than this push (" + push.pushedAt() + ")", close);
    }
}
