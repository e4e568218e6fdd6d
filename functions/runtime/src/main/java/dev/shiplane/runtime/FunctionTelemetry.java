package dev.shiplane.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Powertools' logging and metrics around one invocation of a shiplane function, through their functional API (no
 * AspectJ weaving): the Lambda context, {@code cold_start}, the correlation id and the function's service name on
 * every log line the invocation writes; a count of its outcome, the cold-start metric, and every metric recorded
 * during the invocation flushed as embedded-metric-format lines when it ends, failed or not.
 *
 * <p>Settings are Powertools' own variables ({@code POWERTOOLS_LOG_LEVEL}, {@code POWERTOOLS_LOGGER_SAMPLE_RATE},
 * {@code POWERTOOLS_METRICS_DISABLED} from the process environment). The service name and namespace are taken from
 * the handler's environment map ({@link ShiplaneMetrics}), so the sandbox, which runs every function in one process,
 * still tells them apart.
 */
public final class FunctionTelemetry {

    private final Metrics metrics;
    private final String service;

    private FunctionTelemetry(Metrics metrics, String service) {
        this.metrics = metrics;
        this.service = service;
    }

    public static FunctionTelemetry fromEnvironment(Map<String, String> env) {
        return new FunctionTelemetry(ShiplaneMetrics.configure(env), ShiplaneMetrics.serviceName(env));
    }

    /**
     * Runs {@code work} as one invocation.
     *
     * @param correlationPath JMESPath of the correlation id in {@code event} (EventBridge's {@code id}, a webhook
     *                        delivery's header); {@code null} when the function sets it itself
     * @param event           the event's bytes, read for the correlation id only (an event that is not JSON has none)
     * @param outcomeMetric   the count recorded when {@code work} returns (one per outcome, say)
     * @param failureMetric   the count recorded when it throws; the failure then propagates, so Lambda retries
     */
    public <T> T invoke(Context context, String correlationPath, byte[] event, Supplier<T> work,
                        Function<T, String> outcomeMetric, String failureMetric) {
        // Before logging is initialised: it marks the cold start as done.
        metrics.captureColdStartMetric(context);
        try {
            T result = withLogging(context, correlationPath,
                    correlationPath == null ? null : InvocationJson.treeOrNull(event), () -> {
                if (service != null) MDC.put("service", service);
                return work.get();
            });
            metrics.addMetric(outcomeMetric.apply(result), 1, MetricUnit.COUNT);
            return result;
        } catch (RuntimeException failure) {
            metrics.addMetric(failureMetric, 1, MetricUnit.COUNT);
            throw failure;
        } finally {
            metrics.flush();
        }
    }

    private static <T> T withLogging(Context context, String correlationPath, JsonNode event, Supplier<T> work) {
        return event == null
                ? PowertoolsLogging.withLogging(context, work)
                : PowertoolsLogging.withLogging(context, correlationPath, event, work);
    }

    /** The Powertools metrics every shiplane metric of this function goes through. */
    public Metrics metrics() {
        return metrics;
    }
}
