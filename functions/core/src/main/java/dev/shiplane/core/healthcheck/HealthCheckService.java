package dev.shiplane.core.healthcheck;

import dev.shiplane.core.gate.CheckPolicy;
import dev.shiplane.core.gate.CheckVerdict;
import dev.shiplane.core.gate.HttpCheck;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.events.GateFailed;
import dev.shiplane.core.events.GatePassed;
import dev.shiplane.core.events.HealthCheckDue;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.gate.HttpProbe;
import dev.shiplane.core.events.OneShotScheduler;
import dev.shiplane.core.canary.StepSchedules;
import java.time.Clock;
import java.util.Map;

/**
 * Use case: one attempt of a health or smoke check. One bounded request, judged by {@link CheckPolicy}; a pass or the
 * last failure goes on the bus as {@code Gate Passed} / {@code Gate Failed} for the canary function, a failure with
 * attempts left becomes a one-shot schedule for the next attempt. Nothing here waits.
 *
 * <p>Redelivery repeats the request (a GET, harmless) and the announcement; the rollout ignores a result for a check
 * it already counted, and the next attempt's schedule has a deterministic name, so it is created once.
 */
public final class HealthCheckService {

    private final ShiplaneConfig config;
    private final HttpProbe probe;
    private final EventBus bus;
    private final OneShotScheduler scheduler;
    private final Clock clock;

    public HealthCheckService(ShiplaneConfig config, HttpProbe probe, EventBus bus, OneShotScheduler scheduler,
                              Clock clock) {
        this.config = config;
        this.probe = probe;
        this.bus = bus;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    public CheckAttemptOutcome attempt(HealthCheckDue due) {
        var phase = HttpCheck.Phase.fromCode(due.phase()).orElse(null);
        if (phase == null) return new CheckAttemptOutcome.Ignored("'" + due.phase() + "' is not a check phase");
        var target = config.target(due.env(), due.service()).orElse(null);
        if (target == null) {
            return new CheckAttemptOutcome.Ignored(due.service() + " does not run in " + due.env());
        }
        var check = target.service().check(due.check(), phase).orElse(null);
        if (check == null) {
            // The config changed since the rollout started: a check no longer declared cannot pass, so say so.
            var evidence = due.check() + ": no longer declared for " + phase.code() + " in shiplane.yml";
            bus.publish(new GateFailed(phase.code(), due.check(), due.env(), due.service(), due.deploymentId(),
                    due.image(), evidence, true, clock.instant()));
            return new CheckAttemptOutcome.Failed(evidence);
        }
        var headers = phase == HttpCheck.Phase.PRE_TRAFFIC ? Map.of(HttpCheck.COLOUR_HEADER, due.colour()) : Map.<String, String>of();
        var response = probe.get(target.environment().checkUrl(check), headers, check.timeout(), check.jsonField());
        var now = clock.instant();
        return switch (CheckPolicy.judge(check, response, due.attempt())) {
            case CheckVerdict.Pass pass -> {
                bus.publish(new GatePassed(phase.code(), check.name(), due.env(), due.service(), due.deploymentId(),
                        due.image(), pass.evidence(), true, now));
                yield new CheckAttemptOutcome.Passed(pass.evidence());
            }
            case CheckVerdict.Retry retry -> {
                var at = now.plus(check.retryEvery());
                scheduler.schedule(StepSchedules.checkAttempt(due.deploymentId(), due.phase(), check.name(),
                        retry.nextAttempt()), at, new HealthCheckDue(due.env(), due.service(), due.deploymentId(),
                        due.image(), check.name(), due.phase(), due.colour(), retry.nextAttempt(), at));
                yield new CheckAttemptOutcome.RetryScheduled(at, retry.nextAttempt(), retry.evidence());
            }
            case CheckVerdict.Fail fail -> {
                bus.publish(new GateFailed(phase.code(), check.name(), due.env(), due.service(), due.deploymentId(),
                        due.image(), fail.evidence(), true, now));
                yield new CheckAttemptOutcome.Failed(fail.evidence());
            }
        };
    }
}
