package dev.shiplane.core.operator;

import dev.shiplane.core.access.AccessDecision;
import dev.shiplane.core.access.CallerIdentity;
import dev.shiplane.core.access.OperatorAuthorization;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
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
import java.util.function.Supplier;

/**
 * The operator entry's use case: authorize a request against the caller AWS verified, then put the operator event on
 * the bus with that caller as {@code requestedBy} (a freeze is written to the ledger first), or refuse it, changing
 * nothing but the announcement. Idempotent on the request id: the id is claimed in progress before the request is
 * carried out and recorded done with its answer after, so a retry is answered again rather than carried out twice,
 * and a request whose invocation crashed or timed out between its claim and its effect is carried out by the first
 * retry after the claim's lease ends (see {@link ClaimStep}).
 */
public final class OperatorRequestService {

    /** How long a request id is remembered: longer than any client retries one. */
    static final Duration REQUEST_ID_KEPT = Duration.ofDays(1);

    private final ShiplaneConfig config;
    private final EventBus bus;
    private final Freezes freezes;
    private final RequestClaims claims;
    private final Duration lease;
    private final Supplier<String> holders;
    private final String homeAccount;

    /**
     * @param claims      claims of request ids (the ledger table)
     * @param lease       how long a claim protects the invocation that wrote it: longer than the function's timeout
     * @param holders     mints a new token per invocation, naming the holder of a claim
     * @param homeAccount shiplane's own account, which an environment without an operator list admits
     */
    public OperatorRequestService(ShiplaneConfig config, EventBus bus, Freezes freezes, RequestClaims claims,
                                  Duration lease, Supplier<String> holders, String homeAccount) {
        this.config = config;
        this.bus = bus;
        this.freezes = freezes;
        this.claims = claims;
        this.lease = lease;
        this.holders = holders;
        this.homeAccount = homeAccount;
    }

    public OperatorRequestOutcome handle(OperatorRequest request, CallerIdentity caller, Instant now) {
        var unknown = unknownTarget(request, now);
        if (unknown.isPresent()) return new OperatorRequestOutcome.Invalid(unknown.get());
        var decision = OperatorAuthorization.decide(config.operators(), caller, request.action(), request.env(),
                homeAccount);
        // the caller's own: someone else's request id, reused or guessed, neither pre-empts nor repeats theirs
        var key = caller.arn() + ":" + request.requestId();
        var holder = holders.get();
        var leaseEnds = now.plus(lease);
        var forgetAt = now.plus(REQUEST_ID_KEPT);
        var found = claims.claim(key, holder, leaseEnds, forgetAt);
        switch (ClaimStep.decide(found, now)) {
            case ClaimStep.AnswerRepeated r -> {
                return new OperatorRequestOutcome.Repeated(request.requestId(), decision, r.first().outcome());
            }
            case ClaimStep.AnswerInProgress p -> {
                return new OperatorRequestOutcome.InProgress(request.requestId(), p.leaseEnds());
            }
            case ClaimStep.TakeOver t -> {
                // another retry took it over first: it carries the request out
                if (!claims.takeOver(key, holder, t.seenLeaseEnds(), leaseEnds, forgetAt)) {
                    return new OperatorRequestOutcome.InProgress(request.requestId(), leaseEnds);
                }
            }
            case ClaimStep.CarryOut c -> { }
        }
        OperatorRequestOutcome outcome;
        try {
            outcome = decided(request, caller, decision, now);
        } catch (RuntimeException notDone) {
            // the bus or the ledger refused: a retry of this request must be carried out, not answered as a repeat
            try {
                claims.release(key, holder);
            } catch (RuntimeException alsoDown) {
                notDone.addSuppressed(alsoDown); // the claim stays until its lease ends: the retry after it takes over
            }
            throw notDone;
        }
        // A failure here propagates with the request carried out: the retry after the lease repeats it (at least
        // once). A refusal (false) means this invocation outlived its lease and a retry took over: it answers itself.
        claims.complete(key, holder, new RequestClaim.Done(outcome.code(), switch (outcome) {
            case OperatorRequestOutcome.Accepted a -> a.published().detailType();
            case OperatorRequestOutcome.Refused r -> r.announced().detailType();
            default -> null;
        }), forgetAt);
        return outcome;
    }

    private OperatorRequestOutcome decided(OperatorRequest request, CallerIdentity caller, AccessDecision decision,
                                           Instant now) {
        if (!decision.allowed()) {
            var refused = new RequestRefused(request.action().code(), request.env(), request.service(),
                    request.requestId(), caller.arn(), decision.text(), now);
            bus.publish(refused);
            return new OperatorRequestOutcome.Refused(refused, decision);
        }
        return carryOut(request, caller.arn(), decision, now);
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
                yield new FreezeLifted(u.env(), had.get().reason(), requestedBy, now);
            }
        };
        if (event == null) {
            return new OperatorRequestOutcome.NothingToDo(request.env() + " was not frozen", grounds);
        }
        bus.publish(event);
        // announced before lifted: a retry after a failed publish or a crash still finds the freeze and announces
        // it (at least once); a retry after a failed lift announces again, then lifts
        if (request instanceof OperatorRequest.Unfreeze u) freezes.lift(u.env());
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
