package dev.shiplane.rollback;

import dev.shiplane.runtime.EventFunctionHandler;
import java.time.Clock;
import java.util.Map;

/** Lambda entry point of the rollback function ({@code dev.shiplane.rollback.RollbackHandler::handleRequest}). */
public final class RollbackHandler extends EventFunctionHandler {

    public RollbackHandler() {
        this(System.getenv());
    }

    /** On the machine's clock: Lambda's environment (the no-arg constructor), or a test's. */
    public RollbackHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    /**
     * For the sandbox, which runs several functions in one JVM, each with its own environment, on its story's clock:
     * every time the function reads comes from {@code clock}.
     */
    public RollbackHandler(Map<String, String> env, Clock clock) {
        this(RollbackFunction.fromEnvironment(env, clock), env);
    }

    private RollbackHandler(RollbackFunction function, Map<String, String> env) {
        super(function::handle, function::prime, env);
    }
}
