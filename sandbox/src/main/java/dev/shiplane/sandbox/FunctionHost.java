package dev.shiplane.sandbox;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shiplane.testkit.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One function of the template, running in this JVM: its handler class constructed with the environment the template
 * gives it (pointed at the emulator), invoked with raw event bytes as Lambda invokes a stream handler. What the
 * function prints (structured logs, EMF metrics) goes to the sandbox's function log, not the timeline.
 */
final class FunctionHost {

    private final String name;
    private final RequestStreamHandler handler;
    private final PrintStream functionLog;

    private FunctionHost(String name, RequestStreamHandler handler, PrintStream functionLog) {
        this.name = name;
        this.handler = handler;
        this.functionLog = functionLog;
    }

    static FunctionHost start(CloudTemplate.Function function, Map<String, String> environment, PrintStream functionLog) {
        try {
            var type = Class.forName(function.handlerClass()).asSubclass(RequestStreamHandler.class);
            var handler = type.getConstructor(Map.class).newInstance(environment);
            // The service name its logs and metrics carry reads better in the timeline than a CDK logical id.
            var name = function.environment().getOrDefault("POWERTOOLS_SERVICE_NAME", function.logicalId());
            return new FunctionHost(name, handler, functionLog);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("function " + function.logicalId() + ": handler "
                    + function.handlerClass() + " cannot be constructed with its environment map", e);
        }
    }

    String name() {
        return name;
    }

    /** @return the invocation's result document */
    String invoke(byte[] event) throws Exception {
        var out = new ByteArrayOutputStream();
        var console = System.out;
        System.setOut(functionLog);
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, LocalContext.of(name));
        } finally {
            System.setOut(console);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
