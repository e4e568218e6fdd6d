package dev.shiplane.core.fakes;

import dev.shiplane.core.deploy.ImageCommits;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import java.time.Instant;
import java.util.Map;

class InMemoryImageCommitsTest extends ImageCommitsContract {

    private final InMemoryImageCommits commits = new InMemoryImageCommits();
    private int pushed;

    @Override
    protected ImageCommits commits() {
        return commits;
    }

    @Override
    protected ImagePush givenPush(String repository, String tag, Shape shape, Map<String, String> annotations) {
        var digest = "sha256:" + "%064x".formatted(++pushed);
        // a Docker manifest list has no place for annotations: whatever the builder meant to say is lost
        commits.annotate(repository, digest, shape == Shape.DOCKER_MANIFEST_LIST ? Map.of() : annotations);
        return new ImagePush("push-" + pushed, Registry.ECR, InMemoryImageCatalog.HOST, repository, tag, digest,
                Instant.parse("2026-11-26T10:00:00Z"));
    }
}
