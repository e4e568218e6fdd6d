package dev.shiplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.Region;

/**
 * The operator function's Function URL ({@code AWS_IAM}), to which the CLI sends an operator's requests signed with
 * SigV4 (service {@code lambda}) by the operator's own credentials: Lambda verifies the signature and hands the
 * function the caller's ARN, which becomes the request's {@code requestedBy}.
 */
final class OperatorEntry {

    /** The entry's URL: the delivery stack's {@code OperatorUrl} output. */
    static final String URL_ENV = ShiplaneCli.OPERATOR_URL;

    /** Headers java.net.http sets itself (the host it sends is the signed one, from the same URL). */
    private static final Set<String> SET_BY_THE_CLIENT = Set.of("host", "content-length", "connection", "expect",
            "upgrade");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The entry's answer: 202 accepted, 403 refused, 400 not a request, 200 nothing to do or handled before. */
    record Answer(int status, JsonNode body, java.util.Optional<Duration> retryAfter) {
        Answer(int status, JsonNode body) {
            this(status, body, java.util.Optional.empty());
        }

        /** shiplane's reason, or Lambda's own message when Lambda answered before the function (403, 429, 502). */
        String reason() {
            return body.path("reason").asText(body.path("Message").asText("(no reason given)"));
        }
    }

    private final URI url;
    private final AwsCredentialsProvider credentials;
    private final Region region;

    OperatorEntry(URI url, AwsCredentialsProvider credentials, Region region) {
        this.url = url;
        this.credentials = credentials;
        this.region = region;
    }

    /**
     * Sends the request, and again with the same request id as {@link EntryRetries} decides (5xx, no answer, 409
     * honouring Retry-After), waiting with {@code sleeper}.
     *
     * @throws RequestNotSettledException when the attempts allowed ended without a final answer
     */
    Answer sendRetrying(Map<String, Object> request, EntryRetries.Sleeper sleeper) {
        var waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            Answer answer = null;
            RuntimeException failure = null;
            try {
                answer = send(request);
            } catch (UncheckedIOException noAnswer) {
                failure = noAnswer;
            }
            var next = EntryRetries.decide(answer == null ? new EntryRetries.Attempt.NoAnswer()
                    : new EntryRetries.Attempt.Answered(answer.status(), answer.retryAfter()), attempt, waited);
            switch (next) {
                case EntryRetries.Next.Done d -> {
                    return answer;
                }
                case EntryRetries.Next.GiveUp g -> throw new RequestNotSettledException(attempt,
                        answer == null ? failure.getMessage()
                                : "the operator entry answered " + answer.status() + ": " + answer.reason(), failure);
                case EntryRetries.Next.RetryAfter r -> {
                    try {
                        sleeper.sleep(r.delay());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new RequestNotSettledException(attempt, "interrupted while waiting to retry", e);
                    }
                    waited = waited.plus(r.delay());
                }
            }
        }
    }

    private static java.util.Optional<Duration> seconds(String retryAfter) {
        try {
            return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException httpDate) {
            return java.util.Optional.empty(); // an HTTP date: the entry sends seconds; fall back to the backoff
        }
    }

    Answer send(Map<String, Object> request) {
        try {
            var body = JSON.writeValueAsBytes(request);
            var unsigned = SdkHttpRequest.builder().uri(url).method(SdkHttpMethod.POST)
                    .putHeader("content-type", "application/json").build();
            var signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials.resolveCredentials())
                    .request(unsigned)
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
            var http = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            signed.request().forEachHeader((name, values) -> {
                if (!SET_BY_THE_CLIENT.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(value -> http.header(name, value));
                }
            });
            try (var client = HttpClient.newHttpClient()) {
                var response = client.send(http.build(), HttpResponse.BodyHandlers.ofByteArray());
                JsonNode answer;
                try {
                    answer = JSON.readTree(response.body());
                } catch (IOException notJson) {
                    answer = JSON.createObjectNode().put("reason", new String(response.body(),
                            java.nio.charset.StandardCharsets.UTF_8));
                }
                return new Answer(response.statusCode(), answer == null ? JSON.createObjectNode() : answer,
                        response.headers().firstValue("retry-after").flatMap(OperatorEntry::seconds));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the operator entry " + url + " did not answer (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the operator entry", e);
        }
    }
}
