package dev.shiplane.checks;

import dev.shiplane.runtime.EventFunctionHandler;
import java.time.Clock;
import java.util.Map;

/** Lambda entry point of the checks function ({@code dev.shiplane.checks.ChecksHandler::handleRequest}). */
public final class ChecksHandler extends EventFunctionHandler {

    public ChecksHandler() {
        this(System.getenv());
    }

    /** On the machine's clock: Lambda's environment (the no-arg constructor), or a test's. */
    public ChecksHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    /**
     * For the sandbox, which runs several functions in one JVM, each with its own environment, on its story's clock:
     * every time the function reads comes from {@code clock}.
     */
    public ChecksHandler(Map<String, String> env, Clock clock) {
        this(ChecksFunction.fromEnvironment(env, clock), env);
    }

    private ChecksHandler(ChecksFunction function, Map<String, String> env) {
        super(function::handle, function::prime, env);
    }
}
