package dev.shiplane.contract.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.image.ImageCommit;
import dev.shiplane.core.webhook.PackageEvent;
import dev.shiplane.core.webhook.PackagePayload;
import dev.shiplane.testkit.RepoFiles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GitHubPackageEventsTest {

    static final String SAMPLE = "events/github/registry-package-published.json";
    static final String DIGEST = "sha256:1407fac54c6338249af09ba53c684f486ced502aa8a054c9f8721f5c9c3d4698";

    final GitHubPackageEvents reader = new GitHubPackageEvents();

    @Test
    void sampleDelivery_readsAsTheContainerVersionItPublished() {
        var payload = reader.read("registry_package", RepoFiles.bytes(SAMPLE));

        assertThat(payload).isEqualTo(new PackagePayload.Readable(new PackageEvent("published", "CONTAINER",
                "monynha", "monynha/docs", "1.3.0", DIGEST, Instant.parse("2026-11-26T10:07:00Z"), 612345678L,
                true, new ImageCommit(REVISION, Instant.parse("2026-11-26T09:52:18Z")))));
    }

    static final String REVISION = "8f14e45fceea167a5a36dedd4bea2543c1a2b8d0";
    static final String REVISION_LABEL = "\"org.opencontainers.image.revision\":\"" + REVISION + "\"";

    static final String TIMESTAMP_LABEL = "\"dev.shiplane.commit.timestamp\":\"2026-11-26T10:52:18+01:00\"";

    static Stream<Arguments> commitLabels() {
        return Stream.of(
                Arguments.of("revision and shiplane's commit time among all_labels (the publish workflow's): the commit"
                        + " and its time", edit(REVISION_LABEL, REVISION_LABEL),
                        new ImageCommit(REVISION, Instant.parse("2026-11-26T09:52:18Z"))),
                Arguments.of("revision only (OCI's created is the build's time): the commit, no time",
                        edit(TIMESTAMP_LABEL + ",", ""), new ImageCommit(REVISION, null)),
                Arguments.of("a malformed commit time: the commit, no time",
                        edit(TIMESTAMP_LABEL, "\"dev.shiplane.commit.timestamp\":\"soon\""),
                        new ImageCommit(REVISION, null)),
                Arguments.of("a commit time that is not a string: the commit, no time",
                        edit(TIMESTAMP_LABEL, "\"dev.shiplane.commit.timestamp\":1795687938"),
                        new ImageCommit(REVISION, null)),
                Arguments.of("no revision label: no commit, even with GitHub's short copy of it",
                        edit(REVISION_LABEL + ",", ""), null),
                Arguments.of("no labels at all", edit("\"all_labels\":{", "\"other_labels\":{"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commitLabels")
    void commitLabels(String description, String body, ImageCommit expected) {
        var payload = reader.read("registry_package", body.getBytes(StandardCharsets.UTF_8));

        assertThat(payload).isInstanceOfSatisfying(PackagePayload.Readable.class,
                r -> assertThat(r.event().commit()).isEqualTo(expected));
    }

    @Test
    void legacyPackageEvent_carriesThePackageUnderItsOwnName() {
        var legacy = RepoFiles.text(SAMPLE).replace("\"registry_package\":", "\"package\":");

        var payload = reader.read("package", legacy.getBytes(StandardCharsets.UTF_8));

        assertThat(payload).isInstanceOfSatisfying(PackagePayload.Readable.class,
                r -> assertThat(r.event().name()).isEqualTo("monynha/docs"));
    }

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("digest-only version: empty tag name", edit("\"name\":\"1.3.0\"", "\"name\":\"\""),
                        "tag=,digest=" + DIGEST),
                Arguments.of("tag without digest: the version name is the digest",
                        edit("\"name\":\"1.3.0\",\"digest\":\"" + DIGEST + "\"", "\"name\":\"1.3.0\""),
                        "tag=1.3.0,digest=" + DIGEST),
                Arguments.of("GitHub's placeholder times fall back to the package's update time",
                        edit("\"created_at\":\"2026-11-26T10:07:00Z\",\"updated_at\":\"2026-11-26T10:07:00Z\"",
                                "\"created_at\":\"0001-01-01T00:00:00Z\",\"updated_at\":\"0001-01-01T00:00:00Z\""),
                        "publishedAt=2026-11-26T10:07:00Z"),
                Arguments.of("owner login stands in for a missing namespace", edit("\"namespace\":\"monynha\",", ""),
                        "namespace=monynha"),
                Arguments.of("ecosystem stands in for a missing package type",
                        edit("\"package_type\":\"CONTAINER\",", ""), "packageType=CONTAINER"),
                Arguments.of("a user's package is addressed as a user's",
                        edit("\"type\":\"Organization\"", "\"type\":\"User\""), "organizationOwned=false"),
                Arguments.of("no package_version.id: nothing to look the version up by",
                        edit("\"id\":612345678,", ""), "versionId=null"),
                Arguments.of("a version id that is not a whole number is no id",
                        edit("\"id\":612345678,", "\"id\":\"612345678\","), "versionId=null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void variant(String description, String body, String expected) {
        var payload = reader.read("registry_package", body.getBytes(StandardCharsets.UTF_8));

        assertThat(payload).isInstanceOfSatisfying(PackagePayload.Readable.class, r -> {
            var e = r.event();
            var fields = String.join(",", "tag=" + e.tag(), "digest=" + e.digest(), "publishedAt=" + e.publishedAt(),
                    "namespace=" + e.namespace(), "packageType=" + e.packageType(), "versionId=" + e.versionId(),
                    "organizationOwned=" + e.organizationOwned());
            for (var part : expected.split(",")) {
                assertThat(fields).contains(part);
            }
        });
    }

    static Stream<Arguments> unreadable() {
        return Stream.of(
                Arguments.of("not JSON", "action=published", "body is not JSON"),
                Arguments.of("a JSON array", "[]", "body is not a JSON object"),
                Arguments.of("no registry_package object", "{\"action\":\"published\"}", "registry_package: missing"),
                Arguments.of("no action", "{\"registry_package\":{\"name\":\"x\",\"namespace\":\"y\"}}",
                        "action: missing"),
                Arguments.of("no package name", "{\"action\":\"published\",\"registry_package\":{\"namespace\":\"y\"}}",
                        "registry_package.name: missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable")
    void unreadableBody_namesTheProblem(String description, String body, String problem) {
        assertThat(reader.read("registry_package", body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(PackagePayload.Unreadable.class,
                        u -> assertThat(u.problem()).startsWith(problem));
    }

    /** The sample, compacted as GitHub sends it, with one edit. */
    private static String edit(String from, String to) {
        var compact = compact(RepoFiles.text(SAMPLE));
        assertThat(compact).contains(from);
        return compact.replace(from, to);
    }

    private static String compact(String json) {
        try {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            return mapper.writeValueAsString(mapper.readTree(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
