package dev.shiplane.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Function;
import software.amazon.lambda.powertools.logging.CorrelationIdPaths;

/**
 * The Lambda entry point of an event-driven shiplane function: raw event bytes in, one line of result out, with
 * Powertools' logging and metrics around it ({@link FunctionTelemetry}): the EventBridge event's id as the
 * correlation id of every log line, and an {@code EventsHandled}/{@code EventsFailed} count.
 *
 * <p>A stream handler because each function parses its events itself: every malformed field is reported by name.
 * Failures propagate, so Lambda retries the event and, after its retries, sends it to the dead-letter queue.
 */
public abstract class EventFunctionHandler implements RequestStreamHandler {

    private final Function<byte[], String> function;
    private final FunctionTelemetry telemetry;
    private final SnapStartPriming priming;

    /** @param function the composition root's entry point: event bytes → result line */
    protected EventFunctionHandler(Function<byte[], String> function, Map<String, String> env) {
        this(function, () -> { }, env);
    }

    /**
     * @param function the composition root's entry point: event bytes → result line
     * @param prime    run before a SnapStart snapshot (builds the function's clients; no AWS calls)
     */
    protected EventFunctionHandler(Function<byte[], String> function, Runnable prime, Map<String, String> env) {
        this.function = function;
        this.telemetry = FunctionTelemetry.fromEnvironment(env);
        this.priming = SnapStartPriming.register(prime);
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        var event = input.readAllBytes();
        var result = telemetry.invoke(context, CorrelationIdPaths.EVENT_BRIDGE, event,
                () -> function.apply(event), _ -> "EventsHandled", "EventsFailed");
        output.write(InvocationJson.resultDocument(result));
    }
}
