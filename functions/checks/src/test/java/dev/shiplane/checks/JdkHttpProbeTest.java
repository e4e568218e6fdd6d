package dev.shiplane.checks;

import com.sun.net.httpserver.HttpServer;
import dev.shiplane.core.fakes.HttpProbeContract;
import dev.shiplane.core.gate.HttpProbe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The HttpProbe contract against the JDK's own HTTP server on the loopback interface. */
class JdkHttpProbeTest extends HttpProbeContract {

    private final JdkHttpProbe probe = new JdkHttpProbe();
    private final AtomicInteger paths = new AtomicInteger();
    private volatile Map<String, String> lastHeaders = Map.of();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // A slow answer must not hold up the next request.
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Override
    protected HttpProbe probe() {
        return probe;
    }

    @Override
    protected String serve(int status, String body, Map<String, String> headers, Duration delay) {
        var path = "/answer-" + paths.incrementAndGet();
        server.createContext(path, exchange -> {
            var received = new HashMap<String, String>();
            exchange.getRequestHeaders().forEach((name, values) -> received.put(name.toLowerCase(), values.getFirst()));
            lastHeaders = received;
            try {
                Thread.sleep(delay); // the slow service under test, not shiplane code
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            headers.forEach(exchange.getResponseHeaders()::add);
            var bytes = body.getBytes(StandardCharsets.UTF_8);
            try (exchange) {
                exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) exchange.getResponseBody().write(bytes);
            } catch (IOException abandoned) {
                // the probe gave up on a slow answer and closed the connection
            }
        });
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    protected String refusingUrl() {
        try (var socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/health";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    protected Map<String, String> lastRequestHeaders() {
        return lastHeaders;
    }
}
