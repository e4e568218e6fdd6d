package dev.shiplane.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplane.aws.Lazy;
import dev.shiplane.contract.MalformedJsonException;
import dev.shiplane.contract.ShiplaneJson;
import dev.shiplane.core.webhook.PackageVersionRef;
import dev.shiplane.core.webhook.PackageVersionTags;
import dev.shiplane.core.webhook.TagLookup;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link PackageVersionTags} on GitHub's REST API ("Get a package version for an organization / for a user"):
 * {@code GET {api}/orgs/{org}/packages/container/{name}/versions/{id}} answers the version with
 * {@code metadata.container.tags}. One request per lookup, bounded by {@link #TIMEOUT}; redirects are not followed
 * (the token would go along). The token goes only into the {@code Authorization} header: no message built here
 * contains it.
 */
final class GitHubPackageVersionTags implements PackageVersionTags {

    /** api.github.com; GitHub Enterprise Server answers under {@code https://<host>/api/v3}. */
    static final URI PUBLIC_API = URI.create("https://api.github.com");
    // GitHub waits 10 s for the webhook's answer; the secret, the claim and the bus need some of them.
    static final Duration TIMEOUT = Duration.ofSeconds(4);
    static final String API_VERSION = "2022-11-28";

    private final URI api;
    private final Supplier<String> token;
    // Built on first use: deliveries that need no lookup should not pay for the JDK's HTTP and TLS stack.
    private final Lazy<HttpClient> client = new Lazy<>(() -> HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build());

    /**
     * @param api   the API's base URL, {@link #PUBLIC_API} or a GitHub Enterprise Server's {@code …/api/v3}
     * @param token the token, read when a lookup needs it (from Secrets Manager, cached)
     */
    GitHubPackageVersionTags(URI api, Supplier<String> token) {
        this.api = URI.create(api.toString().replaceAll("/+$", ""));
        this.token = token;
    }

    /** The client, built on first use; SnapStart priming calls this. */
    HttpClient client() {
        return client.get();
    }

    @Override
    public TagLookup tagsOf(PackageVersionRef version) {
        var request = HttpRequest.newBuilder(api.resolve(api.getPath() + path(version))).GET().timeout(TIMEOUT)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION)
                .header("User-Agent", "shiplane-webhook")
                .header("Authorization", "Bearer " + token.get())
                .build();
        HttpResponse<byte[]> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException slow) {
            return new TagLookup.Unavailable("no answer from " + api.getHost() + " within " + TIMEOUT.toSeconds()
                    + " s");
        } catch (IOException failed) {
            return new TagLookup.Unavailable("no answer from " + api.getHost() + " ("
                    + failed.getClass().getSimpleName() + ")");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new TagLookup.Unavailable("interrupted while asking " + api.getHost());
        }
        return answer(response);
    }

    /** GitHub's answer as a lookup: the documented statuses, and rate limits as GitHub signals them. */
    static TagLookup answer(HttpResponse<byte[]> response) {
        var status = response.statusCode();
        var remaining = response.headers().firstValue("x-ratelimit-remaining").orElse(null);
        if ((status == 403 || status == 429) && "0".equals(remaining)) {
            return new TagLookup.RateLimited(response.headers().firstValue("x-ratelimit-reset")
                    .flatMap(GitHubPackageVersionTags::epochSeconds).orElse(null));
        }
        return switch (status) {
            case 200 -> tags(response.body());
            case 401 -> new TagLookup.Unauthorized();
            case 403 -> new TagLookup.Forbidden();
            case 404 -> new TagLookup.NotFound();
            // Secondary rate limits say when to come back in retry-after, not x-ratelimit-reset.
            case 429 -> new TagLookup.RateLimited(null);
            default -> new TagLookup.Unavailable("HTTP " + status);
        };
    }

    private static TagLookup tags(byte[] body) {
        JsonNode version;
        try {
            version = ShiplaneJson.tree(body);
        } catch (MalformedJsonException notJson) {
            return new TagLookup.Unavailable("the answer is not JSON");
        }
        var tags = version.path("metadata").path("container").path("tags");
        if (!tags.isArray()) {
            return new TagLookup.Unavailable("the answer has no metadata.container.tags");
        }
        List<String> found = new ArrayList<>();
        for (var tag : tags) {
            if (tag.isTextual()) found.add(tag.asText());
        }
        return new TagLookup.Found(found);
    }

    static String path(PackageVersionRef version) {
        return (version.organization() ? "/orgs/" : "/users/") + encoded(version.owner()) + "/packages/container/"
                + encoded(version.packageName()) + "/versions/" + version.versionId();
    }

    /** One path segment: a package name's slashes become %2F, as GitHub's own URLs write them. */
    private static String encoded(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Optional<Instant> epochSeconds(String text) {
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(text.strip())));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }
}
