package dev.shiplane.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.fakes.PackageVersionTagsContract;
import dev.shiplane.core.webhook.PackageVersionRef;
import dev.shiplane.core.webhook.PackageVersionTags;
import dev.shiplane.core.webhook.TagLookup;
import dev.shiplane.testkit.RepoFiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PackageVersionTags contract against the GitHub adapter and a local server answering as GitHub's REST API
 * documents it, refusals included; plus how the adapter asks (paths, token, API version).
 */
class GitHubPackageVersionTagsTest extends PackageVersionTagsContract {

    static final String TOKEN = "ghp_sampleTokenThatMustNeverBeWrittenOut000";
    static final PackageVersionRef DOCS = VERSION;
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

    @Override
    protected PackageVersionTags tags() {
        return adapter;
    }

    @Override
    protected void givenAnswer(int status, Map<String, String> headers, String body) {
        gitHub.answer(DOCS_PATH, status, headers, body);
    }

    @Override
    protected PackageVersionTags unreachable() {
        try (var socket = new java.net.ServerSocket(0)) {
            return new GitHubPackageVersionTags(java.net.URI.create("http://127.0.0.1:" + socket.getLocalPort()
                    + "/api/v3"), () -> TOKEN);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
