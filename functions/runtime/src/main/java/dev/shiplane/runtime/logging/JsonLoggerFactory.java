package dev.shiplane.runtime.logging;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.MDCAdapter;

/**
 * Hands out {@link JsonLogger}s, each with its level fixed when it is created, so a call below it costs one
 * comparison.
 *
 * <p>The level is {@value #LEVEL_ENV} (the name the stacks and docs already use; default {@code INFO}), else Lambda's
 * advanced logging control {@value #LAMBDA_LEVEL_ENV}. shiplane's own loggers ({@code dev.shiplane.*}) log at that
 * level. Libraries — the AWS SDK first — only log from {@code WARN} at {@code INFO} or above, as the Log4j
 * configurations did: their INFO lines are noise in a function's log. Asking for {@code DEBUG} or {@code TRACE}
 * opens theirs too, which is what one asks for when chasing an SDK problem, except the SDK's request signers: at
 * DEBUG they log the canonical request, whose headers include the function's session token.
 */
final class JsonLoggerFactory implements ILoggerFactory {

    static final String LEVEL_ENV = "POWERTOOLS_LOG_LEVEL";
    static final String LAMBDA_LEVEL_ENV = "AWS_LAMBDA_LOG_LEVEL";
    static final String SERVICE_ENV = "POWERTOOLS_SERVICE_NAME";
    /** What Powertools logged when no service name was set; kept so a query on it still finds those lines. */
    static final String UNDEFINED_SERVICE = "service_undefined";
    /** Loggers never below WARN: what they log at DEBUG is a credential. */
    static final List<String> SIGNERS = List.of("software.amazon.awssdk.http.auth.", "software.amazon.awssdk.auth.");

    private final ConcurrentMap<String, JsonLogger> loggers = new ConcurrentHashMap<>();
    private final Level level;
    private final String service;
    private final MDCAdapter mdc;
    private final Clock clock;

    JsonLoggerFactory(Map<String, String> env, MDCAdapter mdc, Clock clock) {
        this.level = level(env);
        var name = env.get(SERVICE_ENV);
        this.service = name == null || name.isBlank() ? UNDEFINED_SERVICE : name;
        this.mdc = mdc;
        this.clock = clock;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new JsonLogger(n, threshold(n), service, mdc, clock));
    }

    Level threshold(String loggerName) {
        if (loggerName.startsWith("dev.shiplane.")) return level;
        var signer = SIGNERS.stream().anyMatch(loggerName::startsWith);
        if (level.toInt() < Level.INFO.toInt() && !signer) return level;
        return level.toInt() > Level.WARN.toInt() ? level : Level.WARN;
    }

    static Level level(Map<String, String> env) {
        var configured = env.get(LEVEL_ENV);
        if (configured == null || configured.isBlank()) configured = env.get(LAMBDA_LEVEL_ENV);
        if (configured == null || configured.isBlank()) return Level.INFO;
        return switch (configured.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE" -> Level.TRACE;
            case "DEBUG" -> Level.DEBUG;
            case "WARN", "WARNING" -> Level.WARN;
            // SLF4J has no FATAL; Powertools mapped Lambda's FATAL to ERROR too.
            case "ERROR", "FATAL" -> Level.ERROR;
            default -> Level.INFO;
        };
    }
}
