package dev.shiplane.notify;

import dev.shiplane.aws.Lazy;
import dev.shiplane.core.notify.ChatWebhook;
import dev.shiplane.core.notify.DashboardLink;
import dev.shiplane.core.notify.Notice;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@link ChatWebhook} on a Slack incoming webhook, with the JDK's HTTP client: one POST of the notice as Block Kit
 * ({@link SlackBlockKit}) per call, bounded by {@link #TIMEOUT}. The URL is itself the credential, so it is never
 * logged or put in a message; it comes from a supplier (the Secrets Manager secret, read once per container) and is
 * read again after Slack refused it as gone.
 */
final class SlackIncomingWebhook implements ChatWebhook {

    /** Connect and answer within this, or the attempt counts as Slack being unavailable. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Supplier<String> url;
    private final Runnable forgetUrl;
    private final Lazy<HttpClient> http = new Lazy<>(() -> HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build());

    /**
     * @param url       the webhook URL (read lazily)
     * @param forgetUrl called when Slack answers that the URL is gone, so the next invocation reads the secret again
     */
    SlackIncomingWebhook(Supplier<String> url, Runnable forgetUrl) {
        this.url = url;
        this.forgetUrl = forgetUrl;
    }

    /**
     * The HTTPS client, built on the first post: building it initialises TLS (hundreds of JDK security classes), which
     * an invocation that posts nothing should not pay; SnapStart's priming builds it before the snapshot.
     */
    HttpClient client() {
        return http.get();
    }

    @Override
    public Outcome post(Notice notice, DashboardLink dashboard) {
        var target = url.get();
        // The secret is created with a generated placeholder until someone puts Slack's URL in it.
        if (target == null || !(target.startsWith("https://") || target.startsWith("http://"))) {
            return new Outcome.NotConfigured("the Slack webhook secret holds no URL yet");
        }
        HttpResponse<String> response;
        try {
            response = client().send(HttpRequest.newBuilder(URI.create(target.strip()))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(SlackBlockKit.payload(notice, dashboard),
                            StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // The exception's message may carry the address; its kind is enough to tell what happened.
            return new Outcome.Unavailable(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Unavailable("interrupted");
        } catch (IllegalArgumentException e) {
            return new Outcome.NotConfigured("the Slack webhook secret does not hold a valid URL");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) return new Outcome.Delivered();
        if (status == 429) return new Outcome.RateLimited(retryAfter(response));
        if (status >= 500) return new Outcome.Unavailable("HTTP " + status);
        if (status == 403 || status == 404 || status == 410) forgetUrl.run();
        return new Outcome.Rejected(status, snippet(response.body()));
    }

    /** {@code Retry-After} in seconds (Slack's form); an HTTP date or garbage counts as absent. */
    static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::strip).filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(null);
    }

    /** Slack answers with a short error code ({@code no_service}, {@code invalid_blocks}). */
    private static String snippet(String body) {
        if (body == null || body.isBlank()) return "no reason given";
        var line = body.strip().lines().findFirst().orElse("");
        return line.length() <= 100 ? line : line.substring(0, 100);
    }
}
