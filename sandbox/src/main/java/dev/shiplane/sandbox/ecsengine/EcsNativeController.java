package dev.shiplane.sandbox.ecsengine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Plays ECS's own deployment engine (CANARY, LINEAR, BLUE_GREEN), which moto does not run. An UpdateService of a
 * service so configured starts a service deployment in the moto launcher; this carries it out as AWS documents it:
 * the lifecycle stages in order, each Lambda hook invoked with ECS's payload (again after its {@code callBackDelay}
 * while it answers IN_PROGRESS), production traffic shifted on the service's listener rule with each partial shift's
 * bake and the final bake, pause hooks announced with {@code ECS Hook State Change} and held until
 * ContinueServiceDeployment or their timeout, StopServiceDeployment, rollback when a rollback alarm is in ALARM, and
 * the {@code ECS Deployment State Change} events ECS sends. Time is the caller's (the story clock): nothing sleeps;
 * {@link #nextDue} says when there is something to do next.
 */
public final class EcsNativeController {

    /** Something ECS did: a timeline line, and the event it sent, if any ({@code null} when none). */
    public record Emitted(String line, byte[] event) {}

    static final Duration DEFAULT_CALLBACK_DELAY = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EcsClient ecs;
    private final CloudWatchClient cloudWatch;
    private final ServiceDeploymentControl control;
    private final LambdaHooks hooks;
    private final ProductionTraffic traffic;
    private final Map<String, EngineRun> runs = new LinkedHashMap<>();

    public EcsNativeController(EcsClient ecs, CloudWatchClient cloudWatch, ServiceDeploymentControl control,
                               LambdaHooks hooks, ProductionTraffic traffic) {
        this.ecs = ecs;
        this.cloudWatch = cloudWatch;
        this.control = control;
        this.hooks = hooks;
        this.traffic = traffic;
    }

    /** Carries every deployment as far as it goes at {@code now}: new ones, requests, alarms, due waits. */
    public List<Emitted> progress(Instant now) {
        return progress(now, now);
    }

    /**
     * As {@link #progress(Instant)}, ending only the waits due by {@code waitsEndBy}: the sandbox's story runs on a
     * clock that moves with the machine's, and ECS's waits end when the story is advanced past them, not while it
     * replays its files.
     */
    public List<Emitted> progress(Instant now, Instant waitsEndBy) {
        List<Emitted> out = new ArrayList<>();
        for (var record : control.deployments()) {
            var arn = record.path("serviceDeploymentArn").asText();
            var run = runs.get(arn);
            if (run != null && record.path("status").asText().equals("STOPPED") && !run.status().equals("STOPPED")) {
                // UpdateService started a newer deployment of the service: this one stops where it is.
                traffic.shift(run.cluster, run.service, 0);
                traffic.settle(run.cluster, run.service, false);
                runs.remove(arn);
                out.add(new Emitted(run.who() + " STOPPED: " + record.path("statusReason").asText(), null));
            } else if (run == null && record.path("status").asText().equals("PENDING")) {
                start(record, now, out);
            }
        }
        for (var request : control.requests()) act(request, now, out);
        for (var run : List.copyOf(runs.values())) {
            if (!run.rollingBack) checkAlarms(run, now, out);
            advance(run, now, waitsEndBy, out);
            control.write(run.record);
            if (run.next >= run.steps.size()) runs.remove(run.arn());
        }
        return out;
    }

    /** When the earliest wait (bake, hook callback, pause timeout) ends, if any deployment waits. */
    public Optional<Instant> nextDue() {
        return runs.values().stream().filter(r -> r.waiting != null).map(r -> r.waiting.until()).min(Instant::compareTo);
    }

    private void start(ObjectNode record, Instant now, List<Emitted> out) {
        var run = new EngineRun(record, NativeConfiguration.of(record.path("deploymentConfiguration")));
        runs.put(run.arn(), run);
        record.put("status", "IN_PROGRESS").put("startedAt", now.toString()).put("updatedAt", now.toString());
        run.weights(0, 0);
        var c = run.configuration;
        out.add(new Emitted(run.who() + " IN_PROGRESS: " + describe(c), EcsEvents.deploymentStateChange(
                run.serviceArn(), ecsDeploymentId(run), "SERVICE_DEPLOYMENT_IN_PROGRESS",
                "ECS deployment " + run.shortId() + " in progress.", now)));
    }

    private void act(JsonNode request, Instant now, List<Emitted> out) {
        var run = runs.get(request.path("serviceDeploymentArn").asText());
        if (run == null) return;
        if (request.path("operation").asText().equals("StopServiceDeployment")) {
            if (request.path("stopType").asText().equals("ROLLBACK")) {
                rollBack(run, "StopServiceDeployment asked for a rollback.", now, out);
            } else {
                run.record.put("status", "STOPPED").put("stoppedAt", now.toString()).put("updatedAt", now.toString());
                run.next = run.steps.size();
                run.waiting = null;
                out.add(new Emitted(run.who() + " STOPPED where it was (StopServiceDeployment ABORT)", null));
            }
            return;
        }
        if (!(run.waiting instanceof EngineRun.Paused paused) || !paused.hookId().equals(request.path("hookId").asText())) {
            return;
        }
        var action = request.path("action").asText("CONTINUE");
        hookStatus(run, paused.hookId(), action.equals("CONTINUE") ? "SUCCEEDED" : "FAILED");
        run.waiting = null;
        if (action.equals("CONTINUE")) {
            run.next++;
            out.add(new Emitted(run.who() + " continues: ContinueServiceDeployment CONTINUE (hook " + paused.hookId()
                    + ")", null));
        } else {
            rollBack(run, "ContinueServiceDeployment asked for a rollback (hook " + paused.hookId() + ").", now, out);
        }
    }

    private void checkAlarms(EngineRun run, Instant now, List<Emitted> out) {
        var names = run.configuration.rollbackAlarms();
        if (names.isEmpty()) return;
        var firing = cloudWatch.describeAlarms(r -> r.alarmNames(names)).metricAlarms().stream()
                .filter(a -> a.stateValue() == StateValue.ALARM).map(a -> a.alarmName()).toList();
        if (firing.isEmpty()) return;
        ((ObjectNode) run.record.path("alarms")).put("status", "TRIGGERED").putArray("triggeredAlarmNames")
                .addAll(firing.stream().map(com.fasterxml.jackson.databind.node.TextNode::valueOf).toList());
        rollBack(run, "Service deployment rolled back because of alarm(s) in ALARM: " + String.join(", ", firing)
                + ".", now, out);
    }

    private void rollBack(EngineRun run, String reason, Instant now, List<Emitted> out) {
        if (run.rollingBack) return;
        run.rollingBack = true;
        run.rollbackReason = reason;
        run.waiting = null;
        run.steps = EnginePlan.rollback(run.configuration);
        run.next = 0;
        run.record.put("status", "ROLLBACK_IN_PROGRESS").put("updatedAt", now.toString());
        run.record.putObject("rollback").put("reason", reason).put("startedAt", now.toString())
                .put("serviceRevisionArn", run.sourceRevision());
        out.add(new Emitted(run.who() + " ROLLBACK_IN_PROGRESS: " + reason, null));
    }

    /** Runs steps until the run waits or ends. */
    private void advance(EngineRun run, Instant now, Instant waitsEndBy, List<Emitted> out) {
        while (run.next < run.steps.size()) {
            if (run.waiting != null) {
                if (waitsEndBy.isBefore(run.waiting.until())) return;
                if (!endWait(run, now, out)) continue;
            }
            var step = run.steps.get(run.next);
            switch (step) {
                case EngineStep.EnterStage s -> {
                    run.record.put("lifecycleStage", s.stage());
                    run.next++;
                }
                case EngineStep.ShiftTestTraffic s -> {
                    run.weights(s.targetPercent(), run.productionPercent);
                    out.add(new Emitted(run.who() + " test traffic: " + percent(s.targetPercent())
                            + " on the new revision", null));
                    run.next++;
                }
                case EngineStep.ShiftProductionTraffic s -> {
                    traffic.shift(run.cluster, run.service, s.targetPercent());
                    run.weights(run.testPercent, s.targetPercent());
                    out.add(new Emitted(run.who() + " production traffic: " + percent(s.targetPercent())
                            + " on the new revision", null));
                    run.next++;
                }
                case EngineStep.Bake b -> {
                    run.waiting = new EngineRun.Baking(now.plus(b.time()));
                    out.add(new Emitted(run.who() + " bakes " + b.time().toMinutes() + "m", null));
                    return;
                }
                case EngineStep.RunHook h when h.hook().isPause() -> {
                    pause(run, h, now, out);
                    return;
                }
                case EngineStep.RunHook h -> {
                    if (!invoke(run, h, UUID.randomUUID().toString(), h.hook().hookDetails(), now, out)) return;
                }
                case EngineStep.Finish f -> finish(run, now, out);
            }
        }
    }

    /** A wait is over at {@code now}. @return whether the current step still has to run */
    private boolean endWait(EngineRun run, Instant now, List<Emitted> out) {
        var waiting = run.waiting;
        run.waiting = null;
        return switch (waiting) {
            case EngineRun.Baking b -> {
                run.next++;
                yield false;
            }
            case EngineRun.CallingBack c -> {
                var step = (EngineStep.RunHook) run.steps.get(run.next);
                invoke(run, step, c.executionId(), c.hookDetails(), now, out);
                yield false;
            }
            case EngineRun.Paused p -> {
                var hook = ((EngineStep.RunHook) run.steps.get(run.next)).hook();
                hookStatus(run, p.hookId(), "TIMED_OUT");
                if (hook.timeoutAction().equals("CONTINUE")) {
                    out.add(new Emitted(run.who() + " pause " + p.hookId() + " timed out: continues", null));
                    run.next++;
                } else {
                    rollBack(run, "The pause hook " + p.hookId() + " timed out.", now, out);
                }
                yield false;
            }
        };
    }

    private void pause(EngineRun run, EngineStep.RunHook step, Instant now, List<Emitted> out) {
        var hookId = "ecs-pause-" + UUID.randomUUID().toString().replace("-", "");
        var expiresAt = now.plus(Duration.ofMinutes(step.hook().timeoutMinutes()));
        run.record.withArray("lifecycleHookDetails").addObject().put("hookId", hookId).put("targetType", "PAUSE")
                .put("status", "AWAITING_ACTION").put("expiresAt", expiresAt.toString())
                .put("timeoutAction", step.hook().timeoutAction());
        run.waiting = new EngineRun.Paused(expiresAt, hookId);
        out.add(new Emitted(run.who() + " paused at " + step.stage() + ": hook " + hookId + " awaits action until "
                + expiresAt + " (then " + step.hook().timeoutAction() + ")", EcsEvents.hookAwaitingAction(run, hookId,
                step.stage(), expiresAt, step.hook().timeoutAction(), now)));
    }

    /** Invokes a Lambda hook. @return whether the run may go on to its next step now */
    private boolean invoke(EngineRun run, EngineStep.RunHook step, String executionId, JsonNode hookDetails,
                           Instant now, List<Emitted> out) {
        var payload = payload(run, step.stage(), executionId, hookDetails);
        String answer;
        JsonNode result;
        try {
            answer = hooks.invoke(step.hook().hookTargetArn(), payload.toString());
            result = JSON.readTree(answer);
        } catch (LambdaHooks.HookInvocationFailed | java.io.IOException e) {
            return hookFailed(run, step, "the invocation failed: " + e.getMessage(), now, out);
        }
        var status = result == null ? "" : result.path("hookStatus").asText("");
        var function = step.hook().hookTargetArn().substring(step.hook().hookTargetArn().indexOf("function:") + 9);
        switch (status) {
            case "SUCCEEDED" -> {
                out.add(new Emitted(run.who() + " hook " + step.stage() + " → " + function + ": SUCCEEDED", null));
                run.next++;
                return true;
            }
            case "IN_PROGRESS" -> {
                var delay = result.hasNonNull("callBackDelay") ? Duration.ofSeconds(result.get("callBackDelay").asLong())
                        : DEFAULT_CALLBACK_DELAY;
                var details = result.has("hookDetails") ? result.get("hookDetails") : hookDetails;
                run.waiting = new EngineRun.CallingBack(now.plus(delay), executionId, details);
                out.add(new Emitted(run.who() + " hook " + step.stage() + " → " + function + ": IN_PROGRESS (again in "
                        + delay.toSeconds() + "s)", null));
                return false;
            }
            case "FAILED" -> {
                return hookFailed(run, step, function + " answered FAILED", now, out);
            }
            default -> {
                return hookFailed(run, step, function + " answered no valid hookStatus: " + answer, now, out);
            }
        }
    }

    /**
     * A failed hook rolls the deployment back. During a rollback there is nothing further back to go: ECS's guide does
     * not say otherwise, so the rollback goes on (and the failure is on the timeline).
     */
    private boolean hookFailed(EngineRun run, EngineStep.RunHook step, String why, Instant now, List<Emitted> out) {
        if (run.rollingBack) {
            out.add(new Emitted(run.who() + " hook " + step.stage() + " during the rollback: " + why, null));
            run.next++;
            return true;
        }
        rollBack(run, "Service deployment rolled back because the lifecycle hook at " + step.stage() + " failed: "
                + why + ".", now, out);
        return true;
    }

    private void finish(EngineRun run, Instant now, List<Emitted> out) {
        run.next = run.steps.size();
        run.record.put("finishedAt", now.toString()).put("updatedAt", now.toString());
        if (run.rollingBack) {
            run.record.put("status", "ROLLBACK_SUCCESSFUL").put("statusReason", run.rollbackReason);
            traffic.settle(run.cluster, run.service, false);
            out.add(new Emitted(run.who() + " ROLLBACK_SUCCESSFUL: the service runs its previous revision again",
                    EcsEvents.deploymentStateChange(run.serviceArn(), ecsDeploymentId(run),
                            "SERVICE_DEPLOYMENT_FAILED", run.rollbackReason, now)));
        } else {
            run.record.put("status", "SUCCESSFUL");
            traffic.settle(run.cluster, run.service, true);
            out.add(new Emitted(run.who() + " SUCCESSFUL", EcsEvents.deploymentStateChange(run.serviceArn(),
                    ecsDeploymentId(run), "SERVICE_DEPLOYMENT_COMPLETED",
                    "ECS deployment " + run.shortId() + " completed.", now)));
        }
    }

    /** ECS's Lambda hook payload (AWS's developer guide, "Lambda hooks for Amazon ECS service deployments"). */
    static ObjectNode payload(EngineRun run, String stage, String executionId, JsonNode hookDetails) {
        var payload = JSON.createObjectNode().put("executionId", executionId).put("lifecycleStage", stage)
                .put("resourceArn", run.arn());
        var details = payload.putObject("executionDetails");
        details.putObject("testTrafficWeights").put(run.sourceRevision(), 100 - run.testPercent)
                .put(run.targetRevision(), run.testPercent);
        details.putObject("productionTrafficWeights").put(run.sourceRevision(), 100 - run.productionPercent)
                .put(run.targetRevision(), run.productionPercent);
        details.put("serviceArn", run.serviceArn()).put("targetServiceRevisionArn", run.targetRevision());
        payload.set("hookDetails", hookDetails == null ? NullNode.getInstance() : hookDetails);
        return payload;
    }

    private static void hookStatus(EngineRun run, String hookId, String status) {
        for (var detail : run.record.withArray("lifecycleHookDetails")) {
            if (detail.path("hookId").asText().equals(hookId)) ((ObjectNode) detail).put("status", status);
        }
    }

    /** The service's {@code ecs-svc/…} deployment, which ECS's deployment events name. */
    private String ecsDeploymentId(EngineRun run) {
        var service = ecs.describeServices(r -> r.cluster(run.cluster).services(run.service)).services().getFirst();
        return service.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).map(d -> d.id()).findFirst()
                .orElse("ecs-svc/unknown");
    }

    private static String describe(NativeConfiguration c) {
        var shares = EnginePlan.shares(c).stream().map(EcsNativeController::percent).toList();
        return c.strategy() + " " + String.join(" → ", shares)
                + (c.shiftBake().isZero() ? "" : ", " + c.shiftBake().toMinutes() + "m per shift")
                + ", final bake " + c.bake().toMinutes() + "m"
                + (c.rollbackAlarms().isEmpty() ? "" : ", rollback on " + String.join(", ", c.rollbackAlarms()))
                + (c.hooks().isEmpty() ? ", no hooks" : ", hooks " + c.hooks().stream().map(h -> h.targetType()
                + h.lifecycleStages()).toList());
    }

    private static String percent(double share) {
        return share == Math.rint(share) ? (int) share + "%" : share + "%";
    }
}
