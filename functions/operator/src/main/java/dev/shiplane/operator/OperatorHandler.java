package dev.shiplane.operator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shiplane.runtime.FunctionTelemetry;
import dev.shiplane.runtime.SnapStartPriming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * Lambda entry point of the operator function, behind an {@code AWS_IAM} Function URL. Failures (DynamoDB or
 * EventBridge unavailable) propagate, so the URL answers 502 and the request, retried with its id, is handled once.
 */
public final class OperatorHandler implements RequestStreamHandler {

    private final OperatorFunction function;
    private final FunctionTelemetry telemetry;
    private final SnapStartPriming priming;

    public OperatorHandler() {
        this(System.getenv());
    }

    /** For the sandbox, which runs several functions in one JVM, each with its own environment. */
    public OperatorHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    /**
     * For the sandbox and tests that play time: every instant the function stamps (on events, freezes, the expiry of
     * a handled request id) is read from {@code clock}.
     */
    public OperatorHandler(Map<String, String> env, Clock clock) {
        this(OperatorFunction.fromEnvironment(env, clock), FunctionTelemetry.fromEnvironment(env));
    }

    OperatorHandler(OperatorFunction function, FunctionTelemetry telemetry) {
        this.function = function;
        this.priming = SnapStartPriming.register(function::prime);
        this.telemetry = telemetry;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        var invocation = input.readAllBytes();
        // One count per outcome (OperatorAccepted, OperatorRefused, …): alarm on refusals.
        var reply = telemetry.invoke(context, null, invocation, () -> function.handle(invocation),
                r -> "Operator" + pascal(r.outcome()), "OperatorFailed");
        output.write(reply.document());
    }

    private static String pascal(String code) {
        var out = new StringBuilder();
        for (var word : code.split("-")) {
            out.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
        }
        return out.toString();
    }
}
