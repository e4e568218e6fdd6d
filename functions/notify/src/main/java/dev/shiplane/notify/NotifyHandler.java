package dev.shiplane.notify;

import dev.shiplane.runtime.EventFunctionHandler;
import java.time.Clock;
import java.util.Map;

/** Lambda entry point of the notify function ({@code dev.shiplane.notify.NotifyHandler::handleRequest}). */
public final class NotifyHandler extends EventFunctionHandler {

    public NotifyHandler() {
        this(System.getenv());
    }

    /** On the machine's clock: Lambda's environment (the no-arg constructor), or a test's. */
    public NotifyHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    /**
     * For the sandbox, which runs several functions in one JVM, each with its own environment, on its story's clock:
     * every time the function reads comes from {@code clock}.
     */
    public NotifyHandler(Map<String, String> env, Clock clock) {
        this(NotifyFunction.fromEnvironment(env, clock), env);
    }

    /** With a function built otherwise (tests shorten its retry pauses). */
    NotifyHandler(NotifyFunction function, Map<String, String> env) {
        super(function::handle, function::prime, env);
    }
}
