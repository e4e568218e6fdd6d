package dev.shiplane.sandbox;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shiplane.contract.environment.CommonEnvironment;
import dev.shiplane.testkit.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * One function of the template, running in this JVM from its Lambda package ({@link LambdaPackages}): its handler
 * class constructed with the environment the template gives it (pointed at the emulator) and the sandbox's clock,
 * invoked with raw event bytes
 * as Lambda invokes a stream handler. What the
 * function prints (structured logs, EMF metrics) goes to the sandbox's function log, not the timeline.
 */
final class FunctionHost {

    private final String name;
    private final RequestStreamHandler handler;
    private final PrintStream functionLog;
    private final ClassLoader functionLoader;

    private FunctionHost(String name, RequestStreamHandler handler, PrintStream functionLog,
                         ClassLoader functionLoader) {
        this.name = name;
        this.handler = handler;
        this.functionLog = functionLog;
        this.functionLoader = functionLoader;
    }

    /**
     * @param environment the template's environment of the function, pointed at the emulator
     * @param credentials whom the function calls AWS as: every host goes through them, so none can run as the harness
     *                    by accident where its role is enforced
     * @param clock       the function's clock (the handler's {@code (Map, Clock)} constructor): the story's
     */
    static FunctionHost start(CloudTemplate.Function function, Map<String, String> environment,
                              FunctionCredentials credentials, PrintStream functionLog, Clock clock) {
        var asItsCaller = credentials.environment(function, environment);
        try {
            var loader = LambdaPackages.of(dev.shiplane.testkit.RepoFiles.root(), function.handlerClass());
            var handler = withContextLoader(loader, () -> Class.forName(function.handlerClass(), true, loader)
                    .asSubclass(RequestStreamHandler.class).getConstructor(Map.class, Clock.class)
                    .newInstance(asItsCaller, clock));
            // The service name its logs and metrics carry reads better in the timeline than a CDK logical id.
            var name = function.environment().getOrDefault(CommonEnvironment.SERVICE_NAME, function.logicalId());
            return new FunctionHost(name, handler, functionLog, loader);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("function " + function.logicalId() + ": handler "
                    + function.handlerClass() + " cannot be constructed with its environment map and a clock", e);
        }
    }

    /**
     * Lambda's runtime makes the function's class loader the thread's context loader; libraries that service-load
     * their parts through it (the SDK, logging) would otherwise find the sandbox's copies of those classes.
     */
    private static <T> T withContextLoader(ClassLoader loader, java.util.concurrent.Callable<T> work) throws Exception {
        var thread = Thread.currentThread();
        var previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    String name() {
        return name;
    }

    /**
     * One invocation at a time in this JVM: each swaps {@code System.out} for the function log, and the operator
     * entry's URL ({@link OperatorRequests}) invokes from its HTTP thread while a serving sandbox dispatches.
     */
    private static final Object ONE_AT_A_TIME = new Object();

    /** @return the invocation's result document */
    String invoke(byte[] event) throws Exception {
        synchronized (ONE_AT_A_TIME) {
            return invokeAlone(event);
        }
    }

    private String invokeAlone(byte[] event) throws Exception {
        var out = new ByteArrayOutputStream();
        var console = System.out;
        System.setOut(functionLog);
        try {
            withContextLoader(functionLoader, () -> {
                handler.handleRequest(new ByteArrayInputStream(event), out, LocalContext.of(name));
                return null;
            });
        } finally {
            System.setOut(console);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
