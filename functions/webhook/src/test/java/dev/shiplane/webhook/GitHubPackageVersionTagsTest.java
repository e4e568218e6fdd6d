package dev.shiplane.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.webhook.PackageVersionRef;
import dev.shiplane.core.webhook.TagLookup;
import dev.shiplane.testkit.RepoFiles;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The adapter against a local server answering as GitHub's REST API documents it, refusals included. */
class GitHubPackageVersionTagsTest {

    static final String TOKEN = "ghp_sampleTokenThatMustNeverBeWrittenOut000";
    static final PackageVersionRef DOCS = new PackageVersionRef(true, "monynha", "monynha/docs", 612345699L);
    static final String DOCS_PATH = "/orgs/monynha/packages/container/monynha%2Fdocs/versions/612345699";
    static final String SAMPLE = RepoFiles.text("events/github/packages-api-version-docs-latest.json");

    GitHubApiStandIn gitHub;
    GitHubPackageVersionTags adapter;

    @BeforeEach
    void start() throws Exception {
        gitHub = new GitHubApiStandIn();
        adapter = new GitHubPackageVersionTags(gitHub.api(), () -> TOKEN);
    }

    @AfterEach
    void stop() {
        gitHub.close();
    }

    @Test
    void documentedAnswer_givesTheVersionsTags_askedWithTheTokenAndTheApiVersion() {
        gitHub.answer(DOCS_PATH, 200, Map.of(), SAMPLE);

        var lookup = adapter.tagsOf(DOCS);

        assertThat(lookup).isEqualTo(new TagLookup.Found(List.of("latest", "1.3.1", "sha-3c9e1f7")));
        assertThat(gitHub.requests).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/api/v3" + DOCS_PATH);
            assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN);
            assertThat(r.apiVersion()).isEqualTo("2022-11-28");
        });
    }

    @Test
    void aUsersPackage_isAskedForUnderUsers() {
        gitHub.answer("/users/Monynha/packages/container/monynha%2Fdocs/versions/612345699", 200, Map.of(), SAMPLE);

        var lookup = adapter.tagsOf(new PackageVersionRef(false, "Monynha", "monynha/docs", 612345699L));

        assertThat(lookup).isInstanceOf(TagLookup.Found.class);
    }

    static Stream<Arguments> refusals() {
        var resetAt = Instant.parse("2026-11-26T12:00:00Z");
        return Stream.of(
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
                Arguments.of("200 that is not JSON", 200, Map.of(), "<html>", new TagLookup.Unavailable(
                        "the answer is not JSON")),
                Arguments.of("200 without container tags (not a container package)", 200, Map.of(),
                        "{\"id\":1,\"metadata\":{\"package_type\":\"npm\"}}",
                        new TagLookup.Unavailable("the answer has no metadata.container.tags")),
                Arguments.of("an untagged platform manifest: no tags", 200, Map.of(),
                        "{\"id\":612345680,\"metadata\":{\"package_type\":\"container\",\"container\":{\"tags\":[]}}}",
                        new TagLookup.Found(List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void answer_isATypedLookup(String description, int status, Map<String, String> headers, String body,
                               TagLookup expected) {
        gitHub.answer(DOCS_PATH, status, headers, body);

        assertThat(adapter.tagsOf(DOCS)).isEqualTo(expected);
    }

    @Test
    void noServerListening_isUnavailable_andNamesNoToken() {
        var api = gitHub.api();
        gitHub.close();

        var lookup = adapter.tagsOf(DOCS);

        assertThat(lookup).isInstanceOfSatisfying(TagLookup.Unavailable.class, u -> assertThat(u.detail())
                .startsWith("no answer from " + api.getHost()).doesNotContain(TOKEN));
    }

    @Test
    void aTrailingSlashOnTheBaseUrl_isTolerated() {
        gitHub.answer(DOCS_PATH, 200, Map.of(), SAMPLE);
        var slashed = new GitHubPackageVersionTags(java.net.URI.create(gitHub.api() + "/"), () -> TOKEN);

        assertThat(slashed.tagsOf(DOCS)).isInstanceOf(TagLookup.Found.class);
    }
}
