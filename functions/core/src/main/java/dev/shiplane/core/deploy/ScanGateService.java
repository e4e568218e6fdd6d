package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.events.ScanTimeoutDue;
import dev.shiplane.core.gate.ImageScanned;
import dev.shiplane.core.ledger.Ledger;
import java.util.ArrayList;
import java.util.List;

/**
 * Use case: the scan gate's own events. A scan result ({@code ECR Image Scan}, {@code Inspector2 Scan}) decides
 * every deployment of the image held for it, in any environment, and tells report-only environments the result; the
 * gate's timeout ({@code Scan Timeout Due}) makes a deployment still held look once more, then block. Deciding goes
 * through {@link DeployService}, so lease, ledger and events are those of any deployment.
 */
public final class ScanGateService {

    /**
     * How far back a scan result looks for deployments of its image (per service). History is eventually consistent:
     * a deployment held a moment before its scan result may not be found here, and then its scan timeout decides it
     * (it reads the deployment strongly and finds the result this scan recorded first).
     */
    private static final int HISTORY_SCANNED = 20;

    private final ShiplaneConfig config;
    private final Ledger ledger;
    private final DeployService deploys;

    public ScanGateService(ShiplaneConfig config, Ledger ledger, DeployService deploys) {
        this.config = config;
        this.ledger = ledger;
        this.deploys = deploys;
    }

    /** A scan result arrived: held deployments of the image proceed or are blocked; report-only ones are told. */
    public List<TargetOutcome> onScanned(ImageScanned scan) {
        var checkpoint = deploys.scanCheckpoint();
        checkpoint.record(scan);
        List<TargetOutcome> outcomes = new ArrayList<>();
        for (var env : config.environments()) {
            for (var svc : config.services()) {
                if (!svc.environments().contains(env.name()) || !svc.repositories().contains(scan.repository())
                        || env.scanGate() == null) {
                    continue;
                }
                var target = new Target(env, svc);
                for (var d : ledger.history(env.name(), svc.name(), HISTORY_SCANNED)) {
                    if (!d.image().digest().equals(scan.digest()) || !"ecr".equals(d.image().registry())) continue;
                    if (env.scanGate().enforced() && d.status() == DeploymentStatus.AWAITING_SCAN) {
                        outcomes.add(deploys.decideHeld(target, d.image().asPush(d.pushId(), d.pushedAt()),
                                scan.result(), false));
                    } else if (!env.scanGate().enforced()) {
                        checkpoint.report(target, d, scan.result());
                        outcomes.add(new TargetOutcome(target.env(), target.serviceName(), d.deploymentId(),
                                new DeployResult.Reported()));
                    }
                }
            }
        }
        return outcomes;
    }

    /** The gate's timeout fired: a deployment still awaiting its scan looks once more, then is blocked. */
    public TargetOutcome onScanTimeout(ScanTimeoutDue due) {
        var target = config.target(due.env(), due.service());
        var held = ledger.deployment(due.env(), due.service(), due.deploymentId());
        if (target.isEmpty() || held.isEmpty() || held.get().status() != DeploymentStatus.AWAITING_SCAN) {
            return new TargetOutcome(due.env(), due.service(), due.deploymentId(),
                    new DeployResult.Ignored("not awaiting its scan"));
        }
        return deploys.decideHeld(target.get(), due.image().asPush(due.pushId(), due.pushedAt()), null, true);
    }
}
