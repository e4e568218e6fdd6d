package dev.shiplane.core.deploy;

import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.policy.TagVerdict;
import java.time.Instant;
import java.util.Optional;

/** Decides what one push means for one target, from the tag verdict and the ledger. Pure. */
public final class DeployPlanner {

    private DeployPlanner() {}

    public static DeployDecision decide(ImagePush push, TagVerdict verdict, String deploymentId,
                                        Optional<Deployment> existing, ServiceState state, Instant now) {
        if (verdict instanceof TagVerdict.Rejected rejected) {
            return new DeployDecision.Skip(rejected.reason(), rejected.explanation());
        }
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
        return new DeployDecision.Begin();
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
