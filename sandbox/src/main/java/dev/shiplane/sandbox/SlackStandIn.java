package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.shiplane.infra.Notifications;
import dev.shiplane.testkit.TestAws;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Slack, as far as the sandbox needs it: a local HTTP server taking incoming-webhook posts (answered {@code 200 ok})
 * whose URL the sandbox stores in the template's Slack webhook secret, so the notify function posts here exactly as
 * it would to Slack. It also creates the notifications topic the function publishes its plain-text summary to.
 */
final class SlackStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<String> received = new ArrayList<>();

    private SlackStandIn(HttpServer server) {
        this.server = server;
    }

    static SlackStandIn start(TestAws aws) throws IOException {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        var standIn = new SlackStandIn(server);
        server.createContext("/services/", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (standIn.received) {
                standIn.received.add(body);
            }
            var ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.start();
        standIn.provision(aws);
        return standIn;
    }

    /** Stores this stand-in's URL in the Slack webhook secret and creates the notifications topic. */
    void provision(TestAws aws) {
        var url = "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T0SANDBOX/B0SANDBOX/sandbox";
        aws.build(SecretsManagerClient.builder()).createSecret(r -> r.name(Notifications.SLACK_SECRET_NAME)
                .secretString(url));
        aws.build(SnsClient.builder()).createTopic(r -> r.name(Notifications.TOPIC_NAME));
    }

    /** The fallback text of every message posted since the last call, in order ({@code :rocket: web 1.4.2 …}). */
    List<String> drain() {
        List<String> texts = new ArrayList<>();
        synchronized (received) {
            for (var body : received) {
                try {
                    texts.add(JSON.readTree(body).path("text").asText());
                } catch (IOException e) {
                    texts.add("(not JSON: " + body + ")");
                }
            }
            received.clear();
        }
        return texts;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
