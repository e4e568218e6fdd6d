package dev.shiplane.core.operator;

import dev.shiplane.core.access.AccessDecision;
import dev.shiplane.core.access.CallerIdentity;
import dev.shiplane.core.access.OperatorAuthorization;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.events.DeliveryRegistry;
import dev.shiplane.core.events.DeployRequested;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.events.FreezeLifted;
import dev.shiplane.core.events.FreezeStarted;
import dev.shiplane.core.events.RequestRefused;
import dev.shiplane.core.events.RollbackRequested;
import dev.shiplane.core.events.RolloutCommand;
import dev.shiplane.core.freeze.Freezes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The operator entry's use case: authorize a request against the caller AWS verified, then put the operator event on
 * the bus with that caller as {@code requestedBy} (a freeze is written to the ledger first), or refuse it, changing
 * nothing but the announcement. Idempotent on the request id: a retried request is answered again, never carried out
 * or announced twice.
 */
public final class OperatorRequestService {

    /** How long a request id is remembered: longer than any client retries one. */
    static final Duration REQUEST_ID_KEPT = Duration.ofDays(1);

    private final ShiplaneConfig config;
    private final EventBus bus;
    private final Freezes freezes;
    private final DeliveryRegistry handledRequests;
    private final String homeAccount;

    /**
     * @param handledRequests remembers handled request ids (the ledger table, as for webhook deliveries)
     * @param homeAccount     shiplane's own account, which an environment without an operator list admits
     */
    public OperatorRequestService(ShiplaneConfig config, EventBus bus, Freezes freezes,
                                  DeliveryRegistry handledRequests, String homeAccount) {
        this.config = config;
        this.bus = bus;
        this.freezes = freezes;
        this.handledRequests = handledRequests;
        this.homeAccount = homeAccount;
    }

    public OperatorRequestOutcome handle(OperatorRequest request, CallerIdentity caller, Instant now) {
        var unknown = unknownTarget(request, now);
        if (unknown.isPresent()) return new OperatorRequestOutcome.Invalid(unknown.get());
        var decision = OperatorAuthorization.decide(config.operators(), caller, request.action(), request.env(),
                homeAccount);
        // the caller's own: someone else's request id, reused or guessed, neither pre-empts nor repeats theirs
        var claim = "operator-request:" + caller.arn() + ":" + request.requestId();
        if (!handledRequests.firstSeen(claim, now.plus(REQUEST_ID_KEPT))) {
            return new OperatorRequestOutcome.Repeated(request.requestId(), decision);
        }
        try {
            if (!decision.allowed()) {
                var refused = new RequestRefused(request.action().code(), request.env(), request.service(),
                        request.requestId(), caller.arn(), decision.text(), now);
                bus.publish(refused);
                return new OperatorRequestOutcome.Refused(refused, decision);
            }
            return carryOut(request, caller.arn(), decision, now);
        } catch (RuntimeException notDone) {
            // the bus or the ledger refused: a retry of this request must be handled, not answered as a repeat
            handledRequests.forget(claim);
            throw notDone;
        }
    }

    private OperatorRequestOutcome carryOut(OperatorRequest request, String requestedBy, AccessDecision grounds,
                                            Instant now) {
        DomainEvent event = switch (request) {
            case OperatorRequest.Deploy d -> {
                var digest = d.image().startsWith("sha256:") ? d.image() : null;
                yield new DeployRequested(d.env(), d.service(), digest == null ? d.image() : null, digest,
                        d.requestId(), requestedBy, d.reason(), now);
            }
            case OperatorRequest.Rollback r -> new RollbackRequested(r.env(), r.all() ? null : r.service(), r.all(),
                    r.requestId(), requestedBy, r.reason(), now);
            case OperatorRequest.Rollout r -> new RolloutCommand(r.kind().code(), r.env(), r.service(), r.requestId(),
                    requestedBy, r.reason(), now);
            case OperatorRequest.Freeze f -> {
                // recorded first: the freeze holds even when its announcement fails (the retry announces it)
                freezes.put(new dev.shiplane.core.freeze.Freeze(f.env(), f.reason(), f.until(), requestedBy, now));
                yield new FreezeStarted(f.env(), f.reason(), f.until(), requestedBy, now);
            }
            case OperatorRequest.Unfreeze u -> {
                var had = freezes.of(u.env());
                if (had.isEmpty()) yield null;
                freezes.lift(u.env());
                yield new FreezeLifted(u.env(), had.get().reason(), requestedBy, now);
            }
        };
        if (event == null) {
            return new OperatorRequestOutcome.NothingToDo(request.env() + " was not frozen", grounds);
        }
        bus.publish(event);
        return new OperatorRequestOutcome.Accepted(event, grounds);
    }

    private Optional<String> unknownTarget(OperatorRequest request, Instant now) {
        if (config.environment(request.env()).isEmpty()) {
            return Optional.of("no environment '" + request.env() + "' in shiplane.yml (environments: "
                    + String.join(", ", config.environments().stream().map(e -> e.name()).toList()) + ")");
        }
        return switch (request) {
            case OperatorRequest.Rollback r when r.all() == (r.service() != null) ->
                    Optional.of("a rollback names a service or all, not both and not neither");
            case OperatorRequest.Rollback r -> r.all() ? Optional.empty() : serviceProblem(r);
            case OperatorRequest.Deploy d when d.image() == null || d.image().isBlank() ->
                    Optional.of("a deploy names an image: a tag or a digest (sha256:…)");
            case OperatorRequest.Deploy d -> serviceProblem(d);
            case OperatorRequest.Rollout r -> serviceProblem(r);
            case OperatorRequest.Freeze f when f.until() == null || !f.until().isAfter(now) ->
                    Optional.of("a freeze needs an end after now");
            case OperatorRequest.Freeze f -> Optional.empty();
            case OperatorRequest.Unfreeze u -> Optional.empty();
        };
    }

    private Optional<String> serviceProblem(OperatorRequest request) {
        if (request.service() == null) return Optional.of("the request names no service");
        return config.target(request.env(), request.service()).isPresent() ? Optional.empty()
                : Optional.of("service '" + request.service() + "' does not run in " + request.env() + " (services: "
                        + String.join(", ", config.targetsIn(request.env()).stream().map(Target::serviceName).toList())
                        + ")");
    }
}
