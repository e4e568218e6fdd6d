package dev.shiplane.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommitAnnotationsTest {

    private static final String SHA = "8f14e45fceea167a5a36dedd4bea2543c9e1f7a0";

    static Stream<Arguments> annotations() {
        return Stream.of(
                row("revision and commit time in UTC", Map.of(CommitAnnotations.REVISION, SHA,
                        CommitAnnotations.COMMIT_TIMESTAMP, "2026-11-26T09:41:07Z"),
                        new ImageCommit(SHA, Instant.parse("2026-11-26T09:41:07Z"))),
                row("commit time with the committer's offset (git's %cI)", Map.of(CommitAnnotations.REVISION, SHA,
                        CommitAnnotations.COMMIT_TIMESTAMP, "2026-11-26T10:41:07+01:00"),
                        new ImageCommit(SHA, Instant.parse("2026-11-26T09:41:07Z"))),
                row("a SHA-256 object id", Map.of(CommitAnnotations.REVISION, "a".repeat(64)),
                        new ImageCommit("a".repeat(64), null)),
                row("an abbreviated sha, in capitals and padded", Map.of(CommitAnnotations.REVISION, " 8F14E45 "),
                        new ImageCommit("8f14e45", null)),
                row("revision without a commit time: the commit, no time", Map.of(CommitAnnotations.REVISION, SHA),
                        new ImageCommit(SHA, null)),
                row("malformed commit time: the commit, no time", Map.of(CommitAnnotations.REVISION, SHA,
                        CommitAnnotations.COMMIT_TIMESTAMP, "Thu Nov 26 09:41:07 2026 +0100"),
                        new ImageCommit(SHA, null)),
                row("blank commit time: the commit, no time", Map.of(CommitAnnotations.REVISION, SHA,
                        CommitAnnotations.COMMIT_TIMESTAMP, " "), new ImageCommit(SHA, null)),
                row("build time only (created is not the commit's time)", Map.of(CommitAnnotations.REVISION, SHA,
                        "org.opencontainers.image.created", "2026-11-26T09:58:40Z"), new ImageCommit(SHA, null)),
                row("commit time without a revision: nothing to name", Map.of(
                        CommitAnnotations.COMMIT_TIMESTAMP, "2026-11-26T09:41:07Z"), null),
                row("a branch name is no commit", Map.of(CommitAnnotations.REVISION, "main",
                        CommitAnnotations.COMMIT_TIMESTAMP, "2026-11-26T09:41:07Z"), null),
                row("too short to be a commit", Map.of(CommitAnnotations.REVISION, "8f14e4"), null),
                row("longer than any object id", Map.of(CommitAnnotations.REVISION, "a".repeat(65)), null),
                row("free text in the revision", Map.of(CommitAnnotations.REVISION, "8f14e45 fix the build"), null),
                row("no annotations at all", Map.of(), null),
                row("no annotation map (a Docker manifest list)", null, null));
    }

    private static Arguments row(String name, Map<String, String> annotations, ImageCommit expected) {
        return Arguments.of(name, annotations == null ? null : new HashMap<>(annotations), expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("annotations")
    void read(String name, Map<String, String> annotations, ImageCommit expected) {
        assertThat(CommitAnnotations.read(annotations)).isEqualTo(java.util.Optional.ofNullable(expected));
    }
}
