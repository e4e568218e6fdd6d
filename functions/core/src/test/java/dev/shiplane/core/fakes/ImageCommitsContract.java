package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.deploy.ImageCommits;
import dev.shiplane.core.image.ImageCommit;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ImageCommits} must do; run against the fake (core) and ECR on the emulator (aws). The publish
 * workflow annotates the image index (docs/PUBLISHING.md); a single-platform push annotates its manifest; a Docker
 * manifest list has no annotations at all.
 */
public abstract class ImageCommitsContract {

    protected static final String SHA = "8f14e45fceea167a5a36dedd4bea2543c9e1f7a0";
    protected static final Map<String, String> ANNOTATED = Map.of(
            "org.opencontainers.image.revision", SHA,
            "org.opencontainers.image.source", "https://github.com/monynha/monynha",
            "org.opencontainers.image.created", "2026-11-26T09:58:40Z",
            "dev.shiplane.commit.timestamp", "2026-11-26T09:41:07+01:00");

    /** How the pushed image is shaped: which manifest the digest names. */
    protected enum Shape { OCI_INDEX, OCI_MANIFEST, DOCKER_MANIFEST_LIST }

    protected abstract ImageCommits commits();

    /** Pushes {@code repository:tag} (repository created if needed) with these annotations; returns the push. */
    protected abstract ImagePush givenPush(String repository, String tag, Shape shape, Map<String, String> annotations);

    @Test
    void annotatedIndex_namesItsCommitAndWhenItWasMade() {
        var push = givenPush("monynha/web", "1.4.2", Shape.OCI_INDEX, ANNOTATED);

        assertThat(commits().builtFrom(push))
                .contains(new ImageCommit(SHA, Instant.parse("2026-11-26T08:41:07Z")));
    }

    @Test
    void annotatedSinglePlatformManifest_namesItsCommit() {
        var push = givenPush("monynha/web", "1.4.2", Shape.OCI_MANIFEST, ANNOTATED);

        assertThat(commits().builtFrom(push)).map(ImageCommit::sha).contains(SHA);
    }

    @Test
    void indexWithoutAnnotations_namesNone() {
        var push = givenPush("monynha/web", "1.4.2", Shape.OCI_INDEX, Map.of());

        assertThat(commits().builtFrom(push)).isEmpty();
    }

    @Test
    void dockerManifestList_namesNone() {
        var push = givenPush("monynha/web", "1.4.2", Shape.DOCKER_MANIFEST_LIST, Map.of());

        assertThat(commits().builtFrom(push)).isEmpty();
    }

    @Test
    void revisionWithoutATime_namesTheCommitOnly() {
        var push = givenPush("monynha/web", "1.4.2", Shape.OCI_INDEX,
                Map.of("org.opencontainers.image.revision", SHA, "dev.shiplane.commit.timestamp", "yesterday"));

        assertThat(commits().builtFrom(push)).contains(new ImageCommit(SHA, null));
    }

    @Test
    void imagesOfOneRepository_areToldApart() {
        var annotated = givenPush("monynha/web", "1.4.2", Shape.OCI_INDEX, ANNOTATED);
        var bare = givenPush("monynha/web", "1.4.3", Shape.OCI_INDEX, Map.of());

        assertThat(commits().builtFrom(annotated)).isPresent();
        assertThat(commits().builtFrom(bare)).isEmpty();
    }

    @Test
    void unknownDigest_namesNone_ratherThanThrowing() {
        var push = givenPush("monynha/web", "1.4.2", Shape.OCI_INDEX, ANNOTATED);
        var other = new ImagePush("other", push.registry(), push.registryHost(), push.repository(), push.tag(),
                "sha256:" + "0".repeat(64), push.pushedAt());

        assertThat(commits().builtFrom(other)).isEmpty();
    }

    @Test
    void missingRepository_namesNone_ratherThanThrowing() {
        var push = givenPush("monynha/web", "1.4.2", Shape.OCI_INDEX, ANNOTATED);
        var gone = new ImagePush("gone", push.registry(), push.registryHost(), "monynha/nowhere", push.tag(),
                push.digest(), push.pushedAt());

        assertThat(commits().builtFrom(gone)).isEmpty();
    }

    @Test
    void ghcrPush_isNotAskedOfThisRegistry() {
        var push = givenPush("monynha/web", "1.4.2", Shape.OCI_INDEX, ANNOTATED);
        var ghcr = new ImagePush("delivery", Registry.GHCR, "ghcr.io", "monynha/web", "1.4.2", push.digest(),
                push.pushedAt());

        assertThat(commits().builtFrom(ghcr)).isEmpty();
    }
}
