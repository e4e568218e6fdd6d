package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.events.GateFailed;
import dev.shiplane.core.events.GatePassed;
import dev.shiplane.core.events.ScanTimeoutDue;
import dev.shiplane.core.gate.ScanCheck;
import dev.shiplane.core.gate.ScanGate;
import dev.shiplane.core.gate.ScanGatePolicy;
import dev.shiplane.core.gate.ScanResult;
import dev.shiplane.core.gate.ScanVerdict;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.gate.ImageScans;
import dev.shiplane.core.ledger.Ledger;
import dev.shiplane.core.events.OneShotScheduler;
import dev.shiplane.core.gate.ScanRecords;
import dev.shiplane.core.canary.StepSchedules;
import java.time.Clock;
import java.util.Optional;

/**
 * The scan gate on the deploy path, before anything changes in AWS: it looks up the image's scan (a result a scan
 * event recorded, else the registry's) for {@link DeployPlanner}, and carries out what the decision said — hold the
 * deployment with a timeout, block it, or announce the verdict and let it begin.
 */
final class ScanCheckpoint {

    private final ImageScans scans;
    private final ScanRecords scanRecords;
    private final OneShotScheduler scheduler;
    private final Ledger ledger;
    private final EventBus bus;
    private final DeploymentAnnouncements announcements;
    private final Clock clock;

    ScanCheckpoint(ImageScans scans, ScanRecords scanRecords, OneShotScheduler scheduler, Ledger ledger, EventBus bus,
                   DeploymentAnnouncements announcements, Clock clock) {
        this.scans = scans;
        this.scanRecords = scanRecords;
        this.scheduler = scheduler;
        this.ledger = ledger;
        this.bus = bus;
        this.announcements = announcements;
        this.clock = clock;
    }

    /**
     * @param scanned        the scan result when a scan event triggered this ({@code null}: look it up)
     * @param deadlinePassed the gate's timeout has fired: a scan still pending now blocks
     */
    ScanCheck check(Target target, ImagePush push, ScanResult scanned, boolean deadlinePassed) {
        var gate = target.environment().scanGate();
        if (gate == null) return new ScanCheck.Ungated();
        var result = scanned != null ? scanned : recordedOrAsked(push);
        // Report-only gates never hold, so their deadline never passes.
        return gate.enforced() ? new ScanCheck.Enforced(ScanGatePolicy.judge(gate, result, deadlinePassed))
                : new ScanCheck.Reported(ScanGatePolicy.judge(gate, result, false));
    }

    /** Records the deployment as awaiting its scan and schedules the gate's timeout, once. */
    void hold(Target target, ImagePush push, String deploymentId, Optional<Deployment> existing) {
        if (awaiting(existing).isPresent()) return;
        var now = clock.instant();
        var due = now.plus(target.environment().scanGate().timeout());
        ledger.save(new Deployment(deploymentId, target.env(), target.serviceName(), push.pushId(),
                ImageRef.of(push), DeploymentStatus.AWAITING_SCAN, null, null, null, null,
                push.pushedAt(), now, now, "awaiting the image scan until " + due));
        scheduler.schedule(StepSchedules.scanTimeout(deploymentId), due, new ScanTimeoutDue(target.env(),
                target.serviceName(), deploymentId, push.pushId(), ImageRef.of(push), push.pushedAt(), due));
    }

    /** {@code Gate Failed}, then the deployment ends blocked and is announced; its timeout is no longer needed. */
    void block(Target target, ImagePush push, String deploymentId, Optional<Deployment> existing, String reason,
               boolean deadlinePassed) {
        var now = clock.instant();
        publish(target, deploymentId, ImageRef.of(push), new ScanVerdict.Block(reason), true);
        var awaiting = awaiting(existing);
        var blocked = awaiting.orElseGet(() -> new Deployment(deploymentId, target.env(), target.serviceName(),
                        push.pushId(), ImageRef.of(push), DeploymentStatus.AWAITING_SCAN, null, null, null,
                        null, push.pushedAt(), now, now, null))
                .withStatus(DeploymentStatus.BLOCKED, reason, now);
        announcements.announce(blocked, target, target.ecsService());
        if (awaiting.isPresent() && !deadlinePassed) scheduler.cancel(StepSchedules.scanTimeout(deploymentId));
    }

    /** A deployment about to begin: the gate's verdict is announced, and a held deployment's timeout cancelled. */
    void letThrough(Target target, ImagePush push, String deploymentId, Optional<Deployment> existing,
                    ScanCheck check, boolean deadlinePassed) {
        switch (check) {
            case ScanCheck.Ungated _ -> { }
            case ScanCheck.Reported r -> publish(target, deploymentId, ImageRef.of(push), r.verdict(), false);
            case ScanCheck.Enforced e -> {
                publish(target, deploymentId, ImageRef.of(push), e.verdict(), true);
                if (awaiting(existing).isPresent() && !deadlinePassed) {
                    scheduler.cancel(StepSchedules.scanTimeout(deploymentId));
                }
            }
        }
    }

    /** Remembers a scan event's result, so a push of the same image later finds it without asking the registry. */
    void record(dev.shiplane.core.gate.ImageScanned scan) {
        if (scanRecords != null) scanRecords.record(scan);
    }

    /** A report-only environment learns the scan of an image it already runs (or ran). */
    void report(Target target, Deployment deployment, ScanResult result) {
        publish(target, deployment.deploymentId(), deployment.image(),
                ScanGatePolicy.judge(target.environment().scanGate(), result, false), false);
    }

    private ScanResult recordedOrAsked(ImagePush push) {
        var recorded = scanRecords == null ? Optional.<ScanResult>empty()
                : scanRecords.find(push.repository(), push.digest());
        return recorded.orElseGet(() -> scans.resultOf(push));
    }

    private static Optional<Deployment> awaiting(Optional<Deployment> existing) {
        return existing.filter(d -> d.status() == DeploymentStatus.AWAITING_SCAN);
    }

    /** A verdict still waiting for its result announces nothing. */
    private void publish(Target target, String deploymentId, ImageRef image, ScanVerdict verdict, boolean enforced) {
        var now = clock.instant();
        switch (verdict) {
            case ScanVerdict.Pass p -> bus.publish(new GatePassed(ScanGate.NAME, null, target.env(),
                    target.serviceName(), deploymentId, image, p.evidence(), enforced, now));
            case ScanVerdict.Block b -> bus.publish(new GateFailed(ScanGate.NAME, null, target.env(),
                    target.serviceName(), deploymentId, image, b.reason(), enforced, now));
            case ScanVerdict.Wait _ -> { }
        }
    }
}
