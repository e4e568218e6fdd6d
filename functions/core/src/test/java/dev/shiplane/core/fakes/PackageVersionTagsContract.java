package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.webhook.PackageVersionRef;
import dev.shiplane.core.webhook.PackageVersionTags;
import dev.shiplane.core.webhook.TagLookup;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link PackageVersionTags} must make of each answer GitHub's Packages API can give; run against the
 * GitHub adapter and a local server answering as the API documents it (webhook). Core's webhook tests answer with
 * {@link TagLookup}s directly, so there is no fake to drift: this contract is what those lookups stand for.
 */
public abstract class PackageVersionTagsContract {

    protected static final PackageVersionRef VERSION = new PackageVersionRef(true, "monynha", "monynha/docs",
            612345699L);

    protected abstract PackageVersionTags tags();

    /** The API answers a request for {@link #VERSION} with {@code status}, {@code headers} and {@code body}. */
    protected abstract void givenAnswer(int status, Map<String, String> headers, String body);

    /** The adapter, pointed at an API nothing answers on. */
    protected abstract PackageVersionTags unreachable();

    static Stream<Arguments> answers() {
        var resetAt = Instant.parse("2026-11-26T12:00:00Z");
        return Stream.of(
                Arguments.of("a container version: its tags", 200, Map.of(),
                        "{\"id\":612345699,\"metadata\":{\"package_type\":\"container\","
                                + "\"container\":{\"tags\":[\"latest\",\"1.3.1\"]}}}",
                        new TagLookup.Found(List.of("latest", "1.3.1"))),
                Arguments.of("an untagged platform manifest: no tags", 200, Map.of(),
                        "{\"id\":612345680,\"metadata\":{\"package_type\":\"container\",\"container\":{\"tags\":[]}}}",
                        new TagLookup.Found(List.of())),
                Arguments.of("404: no such version, or one the token may not see", 404, Map.of(),
                        "{\"message\":\"Package not found.\"}", new TagLookup.NotFound()),
                Arguments.of("401: bad credentials", 401, Map.of(), "{\"message\":\"Bad credentials\"}",
                        new TagLookup.Unauthorized()),
                Arguments.of("403 with rate limit left: no permission", 403, Map.of("x-ratelimit-remaining", "4999"),
                        "{\"message\":\"Permission to read this package is denied\"}", new TagLookup.Forbidden()),
                Arguments.of("403 with x-ratelimit-remaining: 0: the rate limit, until its reset", 403,
                        Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset",
                                Long.toString(resetAt.getEpochSecond())),
                        "{\"message\":\"API rate limit exceeded\"}", new TagLookup.RateLimited(resetAt)),
                Arguments.of("429 with x-ratelimit-remaining: 0", 429, Map.of("x-ratelimit-remaining", "0",
                        "x-ratelimit-reset", Long.toString(resetAt.getEpochSecond())), "{}",
                        new TagLookup.RateLimited(resetAt)),
                Arguments.of("429 from a secondary rate limit: come back later", 429, Map.of("retry-after", "60"),
                        "{\"message\":\"You have exceeded a secondary rate limit\"}", new TagLookup.RateLimited(null)),
                Arguments.of("502 from GitHub", 502, Map.of(), "", new TagLookup.Unavailable("HTTP 502")),
                Arguments.of("200 that is not JSON", 200, Map.of(), "<html>",
                        new TagLookup.Unavailable("the answer is not JSON")),
                Arguments.of("200 without container tags (not a container package)", 200, Map.of(),
                        "{\"id\":1,\"metadata\":{\"package_type\":\"npm\"}}",
                        new TagLookup.Unavailable("the answer has no metadata.container.tags")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void answer_isATypedLookup(String description, int status, Map<String, String> headers, String body,
                               TagLookup expected) {
        givenAnswer(status, headers, body);

        assertThat(tags().tagsOf(VERSION)).isEqualTo(expected);
    }

    @Test
    void noAnswer_isUnavailable_notAnException() {
        assertThat(unreachable().tagsOf(VERSION)).isInstanceOf(TagLookup.Unavailable.class);
    }

    @Test
    void noTokenConfigured_asksNothing() {
        assertThat(PackageVersionTags.NOT_CONFIGURED.tagsOf(VERSION)).isEqualTo(new TagLookup.NotConfigured());
    }
}
