package dev.shiplane.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import dev.shiplane.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The Lambda entry point of an event-driven shiplane function: raw event bytes in, one line of result out, with
 * Powertools structured logging and an {@code EventsHandled}/{@code EventsFailed} metric around it.
 *
 * <p>A stream handler because each function parses its events itself: every malformed field is reported by name,
 * and no reflection-based event binding weighs on cold start. Failures propagate, so Lambda retries the event and,
 * after its retries, sends it to the dead-letter queue.
 */
public abstract class EventFunctionHandler implements RequestStreamHandler {

    private final Function<byte[], String> function;
    private final Metrics metrics;
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
        this.metrics = MetricsFactory.getMetricsInstance();
        this.metrics.setNamespace(env.getOrDefault("POWERTOOLS_METRICS_NAMESPACE", "shiplane"));
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        var event = input.readAllBytes();
        String result;
        try {
            result = PowertoolsLogging.withLogging(context, () -> function.apply(event));
            metrics.addMetric("EventsHandled", 1, MetricUnit.COUNT);
        } catch (RuntimeException failure) {
            metrics.addMetric("EventsFailed", 1, MetricUnit.COUNT);
            throw failure;
        } finally {
            metrics.flush();
        }
        output.write(("{\"result\":" + Json.write(result) + "}").getBytes(StandardCharsets.UTF_8));
    }
}
