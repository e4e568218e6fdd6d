package dev.shiplane.hooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shiplane.core.ecsengine.HookAnswer;
import dev.shiplane.core.ecsengine.HookInvocation;
import dev.shiplane.core.ecsengine.HookService;
import dev.shiplane.runtime.FunctionTelemetry;
import dev.shiplane.runtime.SnapStartPriming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry point of the hooks function ({@code dev.shiplane.hooks.HooksFunction::handleRequest}), which ECS
 * invokes at the lifecycle stages of a native deployment. ECS's payload in, {@code {"hookStatus": …}} out; what is
 * decided at each stage is {@link HookService}'s (docs/NATIVE.md, "The hooks function").
 *
 * <p>A payload that is not ECS's is answered {@code FAILED} (ECS rolls back) with the field named in the log. Any
 * other failure (DynamoDB or EventBridge unavailable) propagates: ECS takes a failed invocation as a failed hook and
 * rolls the deployment back — a hook that cannot look never lets a deployment through.
 */
public final class HooksFunction implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(HooksFunction.class);

    private final HookService hooks;
    private final FunctionTelemetry telemetry;
    private final SnapStartPriming priming;

    public HooksFunction() {
        this(System.getenv());
    }

    /** On the machine's clock: Lambda's environment (the no-arg constructor), or a test's. */
    public HooksFunction(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    /**
     * For the sandbox, which runs several functions in one JVM, each with its own environment, on its story's clock:
     * every time the function reads comes from {@code clock}.
     */
    public HooksFunction(Map<String, String> env, Clock clock) {
        this(HooksWiring.fromEnvironment(env, clock), FunctionTelemetry.fromEnvironment(env));
    }

    private HooksFunction(HooksWiring wiring, FunctionTelemetry telemetry) {
        this.hooks = wiring.hooks;
        this.telemetry = telemetry;
        this.priming = SnapStartPriming.register(wiring::prime);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        var payload = input.readAllBytes();
        // One count per answer (HooksSucceeded, HooksFailed, HooksInProgress): alarm on a burst of failures.
        var answer = telemetry.invoke(context, "executionId", payload, () -> answer(payload),
                a -> switch (a) {
                    case HookAnswer.Succeeded s -> "HooksSucceeded";
                    case HookAnswer.Failed f -> "HooksFailed";
                    case HookAnswer.InProgress p -> "HooksInProgress";
                }, "HookInvocationsFailed");
        output.write(HookPayload.answer(answer));
    }

    private HookAnswer answer(byte[] payload) {
        HookInvocation invocation;
        try {
            invocation = HookPayload.invocation(payload);
        } catch (IllegalArgumentException notEcs) {
            LOG.warn("hook payload refused: {}", notEcs.getMessage());
            return new HookAnswer.Failed("not an ECS lifecycle hook payload: " + notEcs.getMessage(), List.of());
        }
        var answer = hooks.answer(invocation);
        LOG.info("hook {} {} at {}: {} ({})", invocation.executionId(), invocation.serviceArn(),
                invocation.lifecycleStage(), answer.hookStatus(), switch (answer) {
                    case HookAnswer.Succeeded s -> s.why();
                    case HookAnswer.Failed f -> f.reason();
                    case HookAnswer.InProgress p -> p.why() + ", again in " + p.callBackDelay().toSeconds() + "s";
                });
        return answer;
    }
}
