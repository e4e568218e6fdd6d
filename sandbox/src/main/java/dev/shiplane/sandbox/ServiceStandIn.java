package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.gate.HttpCheck;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The services' health endpoints, which the sandbox has no load balancer or containers for: a local HTTP server that
 * answers every path with {@code {"status":"ok"}}, as the seed's {@code /api/health} does. A story directive makes the
 * next requests for a new colour (those carrying {@code X-Shiplane-Colour}) fail, as a broken release would. The
 * functions reach it because the sandbox points each environment's {@code checkEndpoint} at it.
 */
final class ServiceStandIn implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger failingRequests = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private volatile int failingStatus = 503;

    ServiceStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            boolean newColour = exchange.getRequestHeaders().containsKey(HttpCheck.COLOUR_HEADER);
            boolean fail = newColour && failingRequests.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            var body = (fail ? "{\"status\":\"unavailable\"}" : "{\"status\":\"ok\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(fail ? failingStatus : 200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
            answered.incrementAndGet();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many requests it has answered. */
    int answered() {
        return answered.get();
    }

    /** The next {@code requests} checks of a new colour get {@code status}. */
    void failNewColour(int requests, int status) {
        failingStatus = status;
        failingRequests.set(requests);
    }

    /**
     * A copy of the functions' config whose environments send their checks here, or {@code configFile} itself when
     * no service declares checks.
     */
    Path pointChecksHere(ShiplaneConfig config, Path configFile, Path copy) throws IOException {
        if (config.services().stream().allMatch(s -> s.checks().isEmpty())) return configFile;
        var yaml = new ObjectMapper(new YAMLFactory());
        var document = (ObjectNode) yaml.readTree(configFile.toFile());
        document.path("environments").properties().forEach(env -> ((ObjectNode) env.getValue())
                .put("checkEndpoint", url()));
        yaml.writeValue(copy.toFile(), document);
        return copy;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
