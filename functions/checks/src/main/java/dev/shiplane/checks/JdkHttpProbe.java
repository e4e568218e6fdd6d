package dev.shiplane.checks;

import dev.shiplane.aws.Lazy;
import com.fasterxml.jackson.core.JsonPointer;
import dev.shiplane.contract.ShiplaneJson;
import dev.shiplane.core.gate.CheckResponse;
import dev.shiplane.core.gate.HttpProbe;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link HttpProbe} with the JDK's HTTP client: the timeout bounds the whole exchange (connection, headers and body),
 * the body is read up to {@value #MAX_BODY_BYTES} bytes, and redirects are not followed (a redirect is the answer).
 */
public final class JdkHttpProbe implements HttpProbe {

    static final int MAX_BODY_BYTES = 64 * 1024;

    // Building it starts its selector thread and loads the JDK's HTTP and TLS stack (~200 ms on a cold JVM), which an
    // event that probes nothing should not pay.
    private final Lazy<HttpClient> client = new Lazy<>(() -> HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build());

    /** The client, built on first use; SnapStart priming calls this. */
    HttpClient client() {
        return client.get();
    }

    @Override
    public CheckResponse get(String url, Map<String, String> headers, Duration timeout, String jsonField) {
        long started = System.nanoTime();
        HttpRequest request;
        try {
            var builder = HttpRequest.newBuilder(URI.create(url)).GET().timeout(timeout)
                    .header("User-Agent", "shiplane-checks");
            headers.forEach(builder::header);
            request = builder.build();
        } catch (IllegalArgumentException bad) {
            return new CheckResponse.Unreachable("bad URL: " + bad.getMessage());
        }
        var exchange = client().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(response -> new Exchange(response.statusCode(), readBounded(response.body())));
        try {
            var answer = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            var elapsed = Duration.ofNanos(System.nanoTime() - started);
            return new CheckResponse.Answered(answer.status(), field(answer.body(), jsonField), elapsed);
        } catch (TimeoutException slow) {
            exchange.cancel(true);
            return new CheckResponse.TimedOut(Duration.ofNanos(System.nanoTime() - started));
        } catch (ExecutionException failed) {
            var cause = failed.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                return new CheckResponse.TimedOut(Duration.ofNanos(System.nanoTime() - started));
            }
            return new CheckResponse.Unreachable(describe(cause));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new CheckResponse.Unreachable("interrupted");
        }
    }

    private record Exchange(int status, byte[] body) {}

    private static byte[] readBounded(InputStream body) {
        try (body) {
            return body.readNBytes(MAX_BODY_BYTES);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static CheckResponse.FieldReading field(byte[] body, String pointer) {
        if (pointer == null) return new CheckResponse.FieldReading.NotAsked();
        try {
            var found = ShiplaneJson.tree(body).at(JsonPointer.compile(pointer));
            if (found.isMissingNode() || found.isNull()) return new CheckResponse.FieldReading.Missing();
            return new CheckResponse.FieldReading.Found(found.isValueNode() ? found.asText() : ShiplaneJson.write(found));
        } catch (IllegalArgumentException notJsonOrNotAPointer) {
            return new CheckResponse.FieldReading.NotJson();
        }
    }

    private static String describe(Throwable cause) {
        var root = cause;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        var kind = root instanceof ConnectException ? "connection refused" : root.getClass().getSimpleName();
        return root.getMessage() == null ? kind : kind + " (" + root.getMessage() + ")";
    }

}
