package dev.shiplane.runtime.logging;

import dev.shiplane.core.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;

/**
 * One JSON object per line on standard output, which Lambda sends to CloudWatch Logs as one event:
 * <pre>{"timestamp":"2026-01-01T12:00:00.000Z","level":"INFO","logger":"dev.shiplane.deploy.DeployFunction",
 * "message":"…","service":"shiplane-deploy","function_name":"…","function_request_id":"…","cold_start":true,
 * "xray_trace_id":"…","deliveryId":"…","error":{"name":"…","message":"…","stack":"…"}}</pre>
 * The invocation's fields come from {@link InvocationContext}, then the thread's MDC entries (a key of the line's
 * own is not overwritten), then the throwable, its stack trace as one string.
 *
 * <p>{@code System.out} is looked up at each call: the sandbox points it at its function log around each invocation.
 */
final class JsonLogger extends LegacyAbstractLogger {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final int threshold;
    private final String service;
    private final MDCAdapter mdc;
    private final Clock clock;

    JsonLogger(String name, Level threshold, String service, MDCAdapter mdc, Clock clock) {
        this.name = name;
        this.threshold = threshold.toInt();
        this.service = service;
        this.mdc = mdc;
        this.clock = clock;
    }

    @Override
    public boolean isTraceEnabled() {
        return threshold <= Level.TRACE.toInt();
    }

    @Override
    public boolean isDebugEnabled() {
        return threshold <= Level.DEBUG.toInt();
    }

    @Override
    public boolean isInfoEnabled() {
        return threshold <= Level.INFO.toInt();
    }

    @Override
    public boolean isWarnEnabled() {
        return threshold <= Level.WARN.toInt();
    }

    @Override
    public boolean isErrorEnabled() {
        return threshold <= Level.ERROR.toInt();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    /** Reached only for enabled levels: the public methods check {@code isXEnabled} first. */
    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable error) {
        var line = new LinkedHashMap<String, Object>();
        line.put("timestamp", TIMESTAMP.format(clock.instant()));
        line.put("level", level.name());
        line.put("logger", name);
        line.put("message", arguments == null || arguments.length == 0 ? String.valueOf(pattern)
                : MessageFormatter.basicArrayFormat(pattern, arguments));
        line.put("service", service);
        line.putAll(InvocationContext.fields());
        Map<String, String> diagnostics = mdc.getCopyOfContextMap();
        if (diagnostics != null) {
            diagnostics.forEach((key, value) -> {
                if (value != null) line.putIfAbsent(key, value);
            });
        }
        if (error != null) line.put("error", error(error));
        var json = new StringBuilder(256);
        Json.write(line, json);
        var bytes = json.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        // Bytes, not characters: the line is UTF-8 whatever stdout.encoding the JVM was given.
        var out = System.out;
        out.write(bytes, 0, bytes.length);
        out.flush();
    }

    private static Map<String, Object> error(Throwable error) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("name", error.getClass().getName());
        if (error.getMessage() != null) fields.put("message", error.getMessage());
        var stack = new StringWriter();
        error.printStackTrace(new PrintWriter(stack));
        fields.put("stack", stack.toString());
        return fields;
    }
}
