package dev.shiplane.canary;

import dev.shiplane.runtime.EventFunctionHandler;
import java.time.Clock;
import java.util.Map;

/** Lambda entry point of the canary function ({@code dev.shiplane.canary.CanaryHandler::handleRequest}). */
public final class CanaryHandler extends EventFunctionHandler {

    public CanaryHandler() {
        this(System.getenv());
    }

    /** On the machine's clock: Lambda's environment (the no-arg constructor), or a test's. */
    public CanaryHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    /**
     * For the sandbox, which runs several functions in one JVM, each with its own environment, on its story's clock:
     * every time the function reads comes from {@code clock}.
     */
    public CanaryHandler(Map<String, String> env, Clock clock) {
        this(CanaryFunction.fromEnvironment(env, clock), env);
    }

    private CanaryHandler(CanaryFunction function, Map<String, String> env) {
        super(function::handle, function::prime, env);
    }
}
