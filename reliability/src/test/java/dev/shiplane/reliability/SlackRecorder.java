package dev.shiplane.reliability;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local HTTP server playing Slack's incoming webhook: it answers {@code 200 ok} and keeps every message posted. */
final class SlackRecorder implements AutoCloseable {

    private static final String PATH = "/services/T000/B000/RELIABILITY";

    private final HttpServer server;
    private final List<String> posted = new CopyOnWriteArrayList<>();

    SlackRecorder() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(PATH, exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            var ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.start();
    }

    /** The webhook URL, as Slack issues them (the path is the credential). */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    List<String> posted() {
        return List.copyOf(posted);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
