package dev.shiplane.core.deploy;

import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.ports.EventBus;
import dev.shiplane.core.ports.Ledger;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Use case: ECS reported on a service deployment; close the matching shiplane deployment and announce it. */
public final class DeploymentCompletion {

    private final ShiplaneConfig config;
    private final Ledger ledger;
    private final DeploymentAnnouncements announcements;
    private final Clock clock;

    public DeploymentCompletion(ShiplaneConfig config, Ledger ledger, EventBus bus, Clock clock) {
        this.config = config;
        this.ledger = ledger;
        this.announcements = new DeploymentAnnouncements(bus, ledger);
        this.clock = clock;
    }

    /** @return what was done, for the invocation's result and log */
    public String onEcsDeploymentEvent(EcsDeploymentEvent event) {
        var target = config.targetOfEcsService(event.cluster(), event.ecsService());
        if (target.isEmpty()) {
            return "ignored: " + event.cluster() + "/" + event.ecsService() + " is not managed by shiplane";
        }
        var t = target.get();
        var state = ledger.serviceState(t.env(), t.serviceName());
        var active = state.activeDeploymentId() == null ? Optional.<Deployment>empty()
                : ledger.deployment(t.env(), t.serviceName(), state.activeDeploymentId());
        return switch (CompletionPlanner.decide(event, state, active)) {
            case CompletionDecision.Ignore ignore -> "ignored: " + ignore.why();
            case CompletionDecision.Announce ignored -> {
                announcements.announce(active.orElseThrow(), t);
                yield "announced " + active.get().status().code();
            }
            case CompletionDecision.Finish finish -> {
                var finished = active.orElseThrow().withStatus(finish.status(), finish.reason(), clock.instant());
                var next = finish.status() == DeploymentStatus.SUCCEEDED
                        ? state.stabilised(finished.toTaskDefinition())
                        : state.stabilised(state.stableTaskDefinition());
                ledger.commit(List.of(finished), next, state.version());
                announcements.announce(finished, t);
                yield finish.status().code();
            }
        };
    }
}
