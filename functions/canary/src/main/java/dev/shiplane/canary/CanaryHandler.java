package dev.shiplane.canary;

import dev.shiplane.runtime.EventFunctionHandler;
import java.util.Map;

/** Lambda entry point of the canary function ({@code dev.shiplane.canary.CanaryHandler::handleRequest}). */
public final class CanaryHandler extends EventFunctionHandler {

    public CanaryHandler() {
        this(System.getenv());
    }

    /** For the sandbox, which runs several functions in one JVM, each with its own environment. */
    public CanaryHandler(Map<String, String> env) {
        this(CanaryFunction.fromEnvironment(env), env);
    }

    private CanaryHandler(CanaryFunction function, Map<String, String> env) {
        super(function::handle, function::prime, env);
    }
}
