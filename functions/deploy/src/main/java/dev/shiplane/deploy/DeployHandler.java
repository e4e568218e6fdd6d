package dev.shiplane.deploy;

import dev.shiplane.runtime.EventFunctionHandler;
import java.time.Clock;
import java.util.Map;

/** Lambda entry point of the deploy function ({@code dev.shiplane.deploy.DeployHandler::handleRequest}). */
public final class DeployHandler extends EventFunctionHandler {

    public DeployHandler() {
        this(System.getenv());
    }

    /** On the machine's clock: Lambda's environment (the no-arg constructor), or a test's. */
    public DeployHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    /**
     * For the sandbox, which runs several functions in one JVM, each with its own environment, on its story's clock:
     * every time the function reads comes from {@code clock}.
     */
    public DeployHandler(Map<String, String> env, Clock clock) {
        this(DeployFunction.fromEnvironment(env, clock), env);
    }

    private DeployHandler(DeployFunction function, Map<String, String> env) {
        super(function::handle, function::prime, env);
    }
}
