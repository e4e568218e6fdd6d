package dev.shiplane.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shiplane.core.json.Json;
import dev.shiplane.runtime.EmbeddedMetrics.Metric;
import dev.shiplane.runtime.logging.InvocationContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Lambda entry point of an event-driven shiplane function: raw event bytes in, one line of result out, with the
 * invocation's fields on every log line ({@link InvocationContext}) and an {@code EventsHandled}/{@code EventsFailed}
 * metric ({@link EmbeddedMetrics}) around it.
 *
 * <p>A stream handler because each function parses its events itself: every malformed field is reported by name,
 * and no reflection-based event binding weighs on cold start. Failures propagate, so Lambda retries the event and,
 * after its retries, sends it to the dead-letter queue.
 */
public abstract class EventFunctionHandler implements RequestStreamHandler {

    private final Function<byte[], String> function;
    private final EmbeddedMetrics metrics;
    private final String service;
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
        this.priming = SnapStartPriming.register(prime);
        this.metrics = EmbeddedMetrics.fromEnvironment(env);
        this.service = env.get(EmbeddedMetrics.SERVICE_ENV);
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        var event = input.readAllBytes();
        String result;
        try (var _ = InvocationContext.begin(context, service)) {
            result = function.apply(event);
        } catch (RuntimeException failure) {
            metrics.emitForFunction(List.of(Metric.count("EventsFailed")), Map.of());
            throw failure;
        }
        metrics.emitForFunction(List.of(Metric.count("EventsHandled")), Map.of());
        output.write(("{\"result\":" + Json.write(result) + "}").getBytes(StandardCharsets.UTF_8));
    }
}
