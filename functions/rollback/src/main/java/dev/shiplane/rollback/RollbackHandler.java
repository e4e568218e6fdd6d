package dev.shiplane.rollback;

import dev.shiplane.runtime.EventFunctionHandler;
import java.util.Map;

/** Lambda entry point of the rollback function ({@code dev.shiplane.rollback.RollbackHandler::handleRequest}). */
public final class RollbackHandler extends EventFunctionHandler {

    public RollbackHandler() {
        this(System.getenv());
    }

    /** For the sandbox, which runs several functions in one JVM, each with its own environment. */
    public RollbackHandler(Map<String, String> env) {
        this(RollbackFunction.fromEnvironment(env), env);
    }

    private RollbackHandler(RollbackFunction function, Map<String, String> env) {
        super(function::handle, function::prime, env);
    }
}
