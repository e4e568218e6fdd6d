package dev.shiplane.runtime.logging;

import java.time.Clock;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * shiplane's SLF4J binding: every enabled log call is one JSON line on standard output (see {@link JsonLogger}).
 * Found by SLF4J through {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}, so function code keeps
 * {@code LoggerFactory.getLogger} and the AWS SDK's own logging lands in the same stream.
 *
 * <p>In place of Log4j and Powertools logging: at cold start Log4j loaded ~800 classes (its plugin registry loads
 * every plugin class) and the two weighed 2.1 MB in each jar; this is a handful of classes.
 */
public final class JsonLoggingProvider implements SLF4JServiceProvider {

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();
    private volatile ILoggerFactory loggers;

    /** For {@link java.util.ServiceLoader}. */
    public JsonLoggingProvider() {}

    @Override
    public void initialize() {
        loggers = new JsonLoggerFactory(System.getenv(), mdc, Clock.systemUTC());
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
