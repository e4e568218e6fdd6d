package dev.shiplane.core.ecsengine;

import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ecsengine.HookFacts.CheckAttempt;
import dev.shiplane.core.ecsengine.HookFacts.Subject;
import dev.shiplane.core.freeze.FreezePolicy;
import dev.shiplane.core.freeze.FreezeVerdict;
import dev.shiplane.core.gate.HttpCheck;
import dev.shiplane.core.gate.ScanGate;
import dev.shiplane.core.gate.ScanResult;
import dev.shiplane.core.events.DeliveryRegistry;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.freeze.Freezes;
import dev.shiplane.core.gate.HttpProbe;
import dev.shiplane.core.gate.ImageScans;
import dev.shiplane.core.ledger.Ledger;
import dev.shiplane.core.gate.ScanRecords;
import dev.shiplane.core.ledger.StatusChange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Use case: ECS invoked shiplane's hook at one stage of a native deployment. Find the shiplane deployment it carries
 * out, gather what the stage decides on through the ports (ledger, freezes, scans, one attempt of each check still
 * pending), ask {@link HookPolicy}, announce its events, answer.
 *
 * <p>Which deployment: ECS names the service and its new service revision; the ledger's active deployment of that
 * service is the one the deploy (or rollback) function handed to ECS, so it is read instead of mapping the revision
 * back through {@code DescribeServiceRevisions} (which moto lacks). While that function still holds the service's
 * lease, the deployment is still being written down: the hook asks ECS to call again shortly.
 *
 * <p>A deployment a gate refuses before scale-up is recorded {@code blocked} in the ledger (one conditional write);
 * nothing else is written: ECS rolls back, and its deployment event reaches the deploy function as for any other
 * deployment.
 *
 * <p>Idempotent: a redelivered invocation (same execution, stage, invocation number and weight) is decided again
 * but announced once — the first invocation claims the key with a conditional write; if publishing then fails, the
 * claim is withdrawn and the failure propagates, so the redelivery announces instead.
 */
public final class HookService {

    /** Claims outlive the longest deployment: an approval waits at most 14 days. */
    static final Duration CLAIM_KEPT = Duration.ofDays(15);

    private final ShiplaneConfig config;
    private final Ledger ledger;
    private final Freezes freezes;
    private final ScanRecords scanRecords;
    private final ImageScans scans;
    private final HttpProbe probe;
    private final EventBus bus;
    private final DeliveryRegistry announced;
    private final Clock clock;

    /**
     * @param announced claims of announcement keys (the ledger table's conditional put in AWS)
     */
    public HookService(ShiplaneConfig config, Ledger ledger, Freezes freezes, ScanRecords scanRecords,
                       ImageScans scans, HttpProbe probe, EventBus bus, DeliveryRegistry announced, Clock clock) {
        this.config = config;
        this.ledger = ledger;
        this.freezes = freezes;
        this.scanRecords = scanRecords;
        this.scans = scans;
        this.probe = probe;
        this.bus = bus;
        this.announced = announced;
        this.clock = clock;
    }

    public HookAnswer answer(HookInvocation invocation) {
        var now = clock.instant();
        var progress = HookProgress.from(invocation.hookDetails(), now);
        var stage = LifecycleStage.fromName(invocation.lifecycleStage());
        var subject = subjectOf(invocation, now);
        FreezeVerdict freeze = null;
        ScanGate gate = null;
        ScanResult scan = null;
        List<HttpCheck> declared = null;
        List<CheckAttempt> attempts = List.of();
        if (subject instanceof Subject.Deploying d && stage != null) {
            var env = d.target().environment();
            switch (stage) {
                case PRE_SCALE_UP -> {
                    freeze = FreezePolicy.verdict(config.freezes(), freezes.of(env.name()), env.name(), now);
                    gate = env.scanGate();
                    // A restart admits no new image: there is nothing to scan (and a tag-only one has no digest).
                    if (gate != null && gate.enforced() && !d.deployment().restart()) scan = scanOf(d);
                }
                case POST_TEST_TRAFFIC_SHIFT, POST_PRODUCTION_TRAFFIC_SHIFT -> {
                    var phase = stage == LifecycleStage.POST_TEST_TRAFFIC_SHIFT ? HttpCheck.Phase.PRE_TRAFFIC
                            : HttpCheck.Phase.POST_PROMOTION;
                    declared = d.target().service().checks().stream().filter(c -> c.phase() == phase).toList();
                    attempts = attempt(d, phase, progress.pending(declared), progress);
                }
                default -> { }
            }
        }
        var answer = HookPolicy.decide(new HookFacts(invocation.lifecycleStage(), stage, subject, freeze, gate, scan,
                declared, attempts, progress, invocation.targetProductionWeight(), now));
        // Announced first: a redelivery after a failed announcement must still find the deployment unblocked to
        // decide (and announce) again; a failed ledger write is repeated by the redelivery, whose claim is taken.
        announce(answer, invocation, progress, now);
        if (answer instanceof HookAnswer.Failed f && f.blocked() && subject instanceof Subject.Deploying d) {
            recordBlocked(d, f.reason(), now);
        }
        return answer;
    }

    private Subject subjectOf(HookInvocation invocation, Instant now) {
        var cluster = invocation.cluster();
        var ecsService = invocation.ecsService();
        if (cluster == null) return new Subject.Unknown("'" + invocation.serviceArn() + "' is not an ECS service ARN");
        var target = config.targetOfEcsService(cluster, ecsService).orElse(null);
        if (target == null) return new Subject.Unknown(cluster + "/" + ecsService + " is not managed by shiplane");
        if (!target.service().onEcsEngine()) {
            return new Subject.Unknown(target.serviceName() + " does not run on ECS's engine (engine: ecs)");
        }
        var state = ledger.serviceState(target.env(), target.serviceName());
        if (state.leased(now)) {
            return new Subject.Recording(state.leaseOwner() + " holds " + target.env() + "/" + target.serviceName()
                    + " until " + state.leaseExpiresAt() + ": its deployment is still being recorded");
        }
        if (state.activeDeploymentId() == null) {
            return new Subject.Unknown("shiplane has deployed nothing to " + target.env() + "/" + target.serviceName());
        }
        var deployment = ledger.deployment(target.env(), target.serviceName(), state.activeDeploymentId())
                .orElse(null);
        if (deployment == null) {
            return new Subject.Unknown("the ledger has no deployment " + state.activeDeploymentId());
        }
        if (deployment.status() == DeploymentStatus.ROLLED_BACK) return new Subject.RollingBack(target, deployment);
        if (deployment.status() == DeploymentStatus.BLOCKED) {
            // An earlier invocation refused it; a redelivery after the gate opened must not let it through.
            return new Subject.Unknown(deployment.deploymentId() + " was blocked: " + deployment.reason());
        }
        return new Subject.Deploying(target, deployment,
                state.quarantined().contains(deployment.image().digest()));
    }

    /**
     * The deployment, refused before any task of it ran, is {@code blocked} in the ledger, as the deploy function
     * records a deployment its gates stop: the rollback function then ignores ECS's rollback of it instead of taking
     * it for a failed deployment to roll back (and its image for one to quarantine). Conditional on the head: if
     * another deployment took the service meanwhile, this one is no longer the active one and is left as it is.
     */
    private void recordBlocked(Subject.Deploying d, String reason, Instant now) {
        var state = ledger.serviceState(d.target().env(), d.target().serviceName());
        // Someone else is changing the service (their lease): what they write supersedes this deployment.
        if (!d.deployment().deploymentId().equals(state.activeDeploymentId()) || state.leased(now)) return;
        ledger.commit(state.nextUnleased(), state.version(),
                new StatusChange(d.deployment().deploymentId(), DeploymentStatus.BLOCKED, reason, now));
    }

    private ScanResult scanOf(Subject.Deploying d) {
        var image = d.deployment().image();
        return scanRecords.find(image.repository(), image.digest())
                .orElseGet(() -> scans.resultOf(image.asPush(d.deployment().pushId(), d.deployment().pushedAt())));
    }

    /** One bounded request per pending check; pre-traffic ones reach the new revision only, through test traffic. */
    private List<CheckAttempt> attempt(Subject.Deploying d, HttpCheck.Phase phase, List<HttpCheck> pending,
                                       HookProgress progress) {
        var headers = phase == HttpCheck.Phase.PRE_TRAFFIC
                ? Map.of(HttpCheck.COLOUR_HEADER, HookPolicy.NEW_REVISION) : Map.<String, String>of();
        List<CheckAttempt> attempts = new ArrayList<>();
        for (var check : pending) {
            var response = probe.get(d.target().environment().checkUrl(check), headers, check.timeout(),
                    check.jsonField());
            attempts.add(new CheckAttempt(check, progress.attemptOf(check), response));
        }
        return attempts;
    }

    private void announce(HookAnswer answer, HookInvocation invocation, HookProgress progress, Instant now) {
        if (answer.announcements().isEmpty()) return;
        // The weight tells a canary's or linear deployment's successive production shifts apart.
        var weight = invocation.targetProductionWeight();
        var key = invocation.executionId() + "#" + invocation.lifecycleStage() + "#" + progress.invocation() + "#"
                + (weight == null ? 0 : weight);
        if (!announced.firstSeen(key, now.plus(CLAIM_KEPT))) return;
        try {
            answer.announcements().forEach(bus::publish);
        } catch (RuntimeException busRefused) {
            announced.forget(key);
            throw busRefused;
        }
    }
}
