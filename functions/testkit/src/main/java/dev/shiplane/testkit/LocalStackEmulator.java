package dev.shiplane.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;

/**
 * LocalStack in a Testcontainers container: the same tests, against a second emulator, where a Docker engine and a
 * LocalStack auth token exist (the current LocalStack image refuses to start without one).
 */
public final class LocalStackEmulator implements AwsEmulator {

    public static final String TOKEN_ENV = "LOCALSTACK_AUTH_TOKEN";
    public static final String IMAGE_ENV = "SHIPLANE_LOCALSTACK_IMAGE";

    private final LocalStackContainer container;

    private LocalStackEmulator(LocalStackContainer container) {
        this.container = container;
    }

    /** Why LocalStack cannot run here, or {@code null} when it can. */
    public static String unavailableBecause() {
        var token = System.getenv(TOKEN_ENV);
        if (token == null || token.isBlank()) {
            return TOKEN_ENV + " is not set";
        }
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return "no Docker engine is reachable";
            }
        } catch (RuntimeException e) {
            return "no Docker engine is reachable (" + e.getMessage() + ")";
        }
        return null;
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper with the JVM
    public static LocalStackEmulator start() {
        var image = System.getenv().getOrDefault(IMAGE_ENV, "localstack/localstack:latest");
        var container = new LocalStackContainer(image)
                .withEnv("LOCALSTACK_AUTH_TOKEN", System.getenv(TOKEN_ENV))
                .withServices("ecs", "dynamodb", "events", "sqs", "scheduler", "cloudwatch", "secretsmanager",
                        "elasticloadbalancing", "sts", "sns");
        container.start();
        return new LocalStackEmulator(container);
    }

    @Override
    public String endpoint() {
        return container.getEndpoint().toString();
    }

    @Override
    public void reset() {
        try {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(endpoint() + "/_localstack/state/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("LocalStack state reset answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("LocalStack is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String describe() {
        return "LocalStack container at " + endpoint();
    }
}
