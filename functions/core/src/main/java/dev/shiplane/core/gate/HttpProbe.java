package dev.shiplane.core.gate;

import java.time.Duration;
import java.util.Map;

/** One bounded HTTP GET of a health or smoke check. */
public interface HttpProbe {

    /**
     * Never throws for the service's trouble: no connection is {@link CheckResponse.Unreachable}, no answer within
     * {@code timeout} is {@link CheckResponse.TimedOut}; the request is abandoned at the timeout, never waited out.
     *
     * @param jsonField JSON Pointer read from the body, or {@code null} to read nothing
     */
    CheckResponse get(String url, Map<String, String> headers, Duration timeout, String jsonField);
}
