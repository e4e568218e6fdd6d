package dev.shiplane.runtime.logging;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Lambda invocation a log line belongs to: its fields ({@code function_request_id}, {@code function_name},
 * {@code cold_start}, {@code xray_trace_id}, …, the names Powertools used, so saved CloudWatch Logs Insights queries
 * keep working) are on every line logged between {@link #begin} and the returned scope's close.
 *
 * <p>Process-wide rather than per thread, unlike SLF4J's MDC: a Lambda execution environment runs one invocation at
 * a time, and what a function's helper threads (an SDK retry, a JDBC driver) log belongs to that invocation too.
 */
public final class InvocationContext {

    /** The Java runtime sets it for each invocation; the environment variable holds the first one's. */
    static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";
    static final String TRACE_ENV = "_X_AMZN_TRACE_ID";

    private static final AtomicBoolean COLD = new AtomicBoolean(true);
    private static volatile Map<String, Object> current = Map.of();

    private InvocationContext() {}

    /** Closes the invocation's context; nothing to throw, so usable in try-with-resources without a catch. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param service the function's service name ({@code POWERTOOLS_SERVICE_NAME} of the handler's environment);
     *                {@code null} keeps the process-wide one
     */
    public static Scope begin(Context context, String service) {
        var fields = new LinkedHashMap<String, Object>();
        if (service != null && !service.isBlank()) fields.put("service", service);
        fields.put("function_name", context.getFunctionName());
        fields.put("function_version", context.getFunctionVersion());
        fields.put("function_arn", context.getInvokedFunctionArn());
        fields.put("function_memory_size", context.getMemoryLimitInMB());
        fields.put("function_request_id", context.getAwsRequestId());
        // A SnapStart snapshot is taken before any invocation, so a restored environment's first one is cold too.
        fields.put("cold_start", COLD.getAndSet(false));
        var traceId = traceId(System.getProperty(TRACE_PROPERTY, System.getenv(TRACE_ENV)));
        if (traceId != null) fields.put("xray_trace_id", traceId);
        fields.values().removeIf(Objects::isNull);
        current = Collections.unmodifiableMap(fields);
        return () -> current = Map.of();
    }

    /** As in a fresh JVM, whose first invocation is cold: for tests, which share one JVM. */
    static void resetColdStart() {
        COLD.set(true);
    }

    /** The current invocation's fields, in line order; empty outside an invocation. */
    static Map<String, Object> fields() {
        return current;
    }

    /** {@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=…;Sampled=1} → its root id, as Powertools logged it. */
    static String traceId(String header) {
        if (header == null || header.isBlank()) return null;
        for (var part : header.split(";")) {
            var trimmed = part.trim();
            if (trimmed.startsWith("Root=")) return trimmed.substring("Root=".length());
        }
        return null;
    }
}
