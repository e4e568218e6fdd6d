package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.KnownGood;
import dev.shiplane.core.ledger.ServiceBusyException;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.events.DeploymentVerified;
import dev.shiplane.core.events.VerificationDue;
import dev.shiplane.core.rollout.AlarmReader;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.ledger.Ledger;
import java.time.Clock;
import java.util.List;

/**
 * Use case: a rolling deployment's bake period is over. If it is still the running deployment and its alarms are
 * quiet, its revision becomes known-good — the revision a later rollback returns to.
 */
public final class VerificationService {

    private final ShiplaneConfig config;
    private final Ledger ledger;
    private final AlarmReader alarms;
    private final EventBus bus;
    private final Clock clock;

    public VerificationService(ShiplaneConfig config, Ledger ledger, AlarmReader alarms, EventBus bus, Clock clock) {
        this.config = config;
        this.ledger = ledger;
        this.alarms = alarms;
        this.bus = bus;
        this.clock = clock;
    }

    public VerificationOutcome onDue(VerificationDue due) {
        var target = config.target(due.env(), due.service());
        if (target.isEmpty()) {
            return new VerificationOutcome.Ignored(due.service() + " does not run in " + due.env());
        }
        var state = ledger.serviceState(due.env(), due.service());
        if (state.leased(clock.instant())) {
            throw new ServiceBusyException(due.env() + "/" + due.service() + " is being changed; retry");
        }
        if (!due.deploymentId().equals(state.activeDeploymentId())) {
            return new VerificationOutcome.Ignored(due.deploymentId() + " is no longer the running deployment");
        }
        if (state.verified(due.deploymentId())) return new VerificationOutcome.Ignored("already verified");
        var deployment = ledger.deployment(due.env(), due.service(), due.deploymentId());
        if (deployment.isEmpty() || deployment.get().status() != DeploymentStatus.SUCCEEDED) {
            return new VerificationOutcome.Ignored(due.deploymentId() + " is "
                    + deployment.map(d -> d.status().code()).orElse("unknown"));
        }
        var failure = alarms.read(target.get().alarms()).failure();
        if (failure != null) {
            return new VerificationOutcome.NotVerified(failure);
        }
        var d = deployment.get();
        var now = clock.instant();
        var verified = state.withKnownGood(new KnownGood(d.deploymentId(), d.toTaskDefinition(), d.image().digest(), now));
        ledger.commit(List.of(), verified.nextUnleased(), state.version());
        bus.publish(new DeploymentVerified(d.env(), d.service(), d.deploymentId(), d.image(), d.toTaskDefinition(), now));
        return new VerificationOutcome.Verified(d.deploymentId());
    }
}
