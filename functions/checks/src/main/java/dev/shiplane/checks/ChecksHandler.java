package dev.shiplane.checks;

import dev.shiplane.runtime.EventFunctionHandler;
import java.util.Map;

/** Lambda entry point of the checks function ({@code dev.shiplane.checks.ChecksHandler::handleRequest}). */
public final class ChecksHandler extends EventFunctionHandler {

    public ChecksHandler() {
        this(System.getenv());
    }

    /** For the sandbox, which runs several functions in one JVM, each with its own environment. */
    public ChecksHandler(Map<String, String> env) {
        this(ChecksFunction.fromEnvironment(env), env);
    }

    private ChecksHandler(ChecksFunction function, Map<String, String> env) {
        super(function::handle, function::prime, env);
    }
}
