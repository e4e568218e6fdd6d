package dev.shiplane.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * GitHub's REST API on a local port, answering what a test sets per request path (status, headers, body), and
 * remembering each request's path and Authorization header. Unset paths answer 404 as GitHub does.
 */
final class GitHubApiStandIn implements AutoCloseable {

    record Answer(int status, Map<String, String> headers, String body) {}

    record Request(String path, String authorization, String apiVersion) {}

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    GitHubApiStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            var path = exchange.getRequestURI().getRawPath();
            requests.add(new Request(path, exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("X-GitHub-Api-Version")));
            var answer = answers.getOrDefault(path, new Answer(404, Map.of(),
                    "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"404\"}"));
            var body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            answer.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** The base URL the adapter is configured with, as a GitHub Enterprise Server's {@code …/api/v3}. */
    URI api() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()
                + "/api/v3");
    }

    void answer(String path, int status, Map<String, String> headers, String body) {
        answers.put("/api/v3" + path, new Answer(status, headers, body));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
