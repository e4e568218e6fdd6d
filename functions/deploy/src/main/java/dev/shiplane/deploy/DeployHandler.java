package dev.shiplane.deploy;

import dev.shiplane.runtime.EventFunctionHandler;
import java.util.Map;

/** Lambda entry point of the deploy function ({@code dev.shiplane.deploy.DeployHandler::handleRequest}). */
public final class DeployHandler extends EventFunctionHandler {

    public DeployHandler() {
        this(System.getenv());
    }

    /** For the sandbox, which runs several functions in one JVM, each with its own environment. */
    public DeployHandler(Map<String, String> env) {
        this(DeployFunction.fromEnvironment(env), env);
    }

    private DeployHandler(DeployFunction function, Map<String, String> env) {
        super(function::handle, function::prime, env);
    }
}
