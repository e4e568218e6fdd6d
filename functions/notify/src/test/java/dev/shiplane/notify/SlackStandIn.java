package dev.shiplane.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A local HTTP server playing Slack's incoming webhook: it records every request body and answers from a script
 * ({@code 200 ok} once the script is used up, unless told to fail forever).
 */
final class SlackStandIn implements AutoCloseable {

    record Answer(int status, String body, String retryAfter) {}

    private final HttpServer server;
    private final ArrayDeque<Answer> script = new ArrayDeque<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    private volatile Answer always;

    SlackStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/services/T000/B000/XXXX", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(body);
            Answer answer;
            synchronized (script) {
                answer = always != null ? always : script.isEmpty() ? new Answer(200, "ok", null) : script.poll();
            }
            if (answer.status() == 200) accepted.add(body);
            if (answer.retryAfter() != null) exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            var bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    /** The webhook URL, as Slack issues them (the path is the credential). */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T000/B000/XXXX";
    }

    void answerNext(int status, String body, String retryAfter) {
        synchronized (script) {
            script.add(new Answer(status, body, retryAfter));
        }
    }

    void answerAlways(int status, String body) {
        always = new Answer(status, body, null);
    }

    void recover() {
        always = null;
    }

    /** Every request received, accepted or not. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** The messages Slack would show: requests answered 200. */
    List<String> posted() {
        return List.copyOf(accepted);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
