package dev.shiplane.rotate;

import dev.shiplane.runtime.EventFunctionHandler;
import java.time.Clock;
import java.util.Map;

/**
 * Lambda entry point of the rotation function ({@code dev.shiplane.rotate.RotateHandler::handleRequest}), invoked by
 * the schedule rule, the {@code Rotation Requested} rule and Secrets Manager's RotateSecret. Failures propagate:
 * EventBridge retries the event (then dead-letters it), RotateSecret marks the rotation failed; either way the next
 * run resumes the same rotation.
 */
public final class RotateHandler extends EventFunctionHandler {

    public RotateHandler() {
        this(System.getenv());
    }

    /** On the machine's clock: Lambda's environment (the no-arg constructor), or a test's. */
    public RotateHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    /**
     * For the sandbox, which runs several functions in one JVM, each with its own environment, on its story's clock:
     * every time the function reads comes from {@code clock}.
     */
    public RotateHandler(Map<String, String> env, Clock clock) {
        this(RotateFunction.fromEnvironment(env, clock), env);
    }

    private RotateHandler(RotateFunction function, Map<String, String> env) {
        super(function::handle, function::prime, env);
    }
}
