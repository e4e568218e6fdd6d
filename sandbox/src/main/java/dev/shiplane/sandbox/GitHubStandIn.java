package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/**
 * GitHub's Packages API, as far as the sandbox needs it: a local HTTP server answering "Get a package version" with
 * the documented samples in {@code events/github/packages-api-version-*.json} (each at the path of its {@code url}),
 * 404 for any other version, and 401 unless the request carries the sandbox's token, which the sandbox stores in the
 * token secret the template names, so the webhook function reads it from Secrets Manager exactly as in AWS.
 */
final class GitHubStandIn implements AutoCloseable {

    /** The token secret the sandbox synthesizes the stack with ({@code -c githubTokenSecret=…}). */
    static final String TOKEN_SECRET = "shiplane/github-token";
    private static final String SANDBOX_TOKEN = "ghp_sandboxTokenOfTheGitHubStandIn0000000";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<String> asked = new ArrayList<>();

    private GitHubStandIn(HttpServer server) {
        this.server = server;
    }

    /** @param samples the directory holding {@code packages-api-version-*.json} */
    static GitHubStandIn start(Path samples) throws IOException {
        Map<String, byte[]> versions = new HashMap<>();
        try (var files = Files.newDirectoryStream(samples, "packages-api-version-*.json")) {
            for (var file : files) {
                var body = Files.readAllBytes(file);
                versions.put(URI.create(JSON.readTree(body).path("url").asText()).getRawPath(), body);
            }
        }
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        var standIn = new GitHubStandIn(server);
        server.createContext("/", exchange -> {
            var path = exchange.getRequestURI().getRawPath();
            var authorized = ("Bearer " + SANDBOX_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            var body = !authorized ? "{\"message\":\"Bad credentials\"}".getBytes(StandardCharsets.UTF_8)
                    : versions.getOrDefault(path, "{\"message\":\"Package not found.\"}".getBytes(StandardCharsets.UTF_8));
            var status = !authorized ? 401 : versions.containsKey(path) ? 200 : 404;
            synchronized (standIn.asked) {
                standIn.asked.add("GET " + path + ": " + status);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().add("x-ratelimit-remaining", "4999");
            exchange.sendResponseHeaders(status, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return standIn;
    }

    /** The API base URL the webhook function is pointed at (as at GitHub Enterprise Server). */
    URI api() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Stores the sandbox's token in {@code secretId}, the secret the function's environment names. */
    static void storeToken(SecretsManagerClient secretsManager, String secretId) {
        try {
            secretsManager.createSecret(r -> r.name(secretId).secretString(SANDBOX_TOKEN));
        } catch (ResourceExistsException alreadyThere) {
            secretsManager.putSecretValue(r -> r.secretId(secretId).secretString(SANDBOX_TOKEN));
        }
    }

    /** The requests answered since the last call, in order ({@code GET /orgs/…/versions/612345699: 200}). */
    List<String> drain() {
        synchronized (asked) {
            var requests = List.copyOf(asked);
            asked.clear();
            return requests;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
