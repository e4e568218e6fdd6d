package dev.shiplane.core.fakes;

import dev.shiplane.core.deploy.ImageCommits;
import dev.shiplane.core.image.CommitAnnotations;
import dev.shiplane.core.image.ImageCommit;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An ECR registry's image annotations in memory, by repository and digest. */
public final class InMemoryImageCommits implements ImageCommits {

    private final Map<String, Map<String, String>> annotationsByImage = new HashMap<>();

    /** The image {@code repository@digest} carries {@code annotations} (an empty map: none). */
    public synchronized void annotate(String repository, String digest, Map<String, String> annotations) {
        annotationsByImage.put(repository + "@" + digest, Map.copyOf(annotations));
    }

    @Override
    public synchronized Optional<ImageCommit> builtFrom(ImagePush push) {
        if (push.registry() != Registry.ECR) return Optional.empty();
        return CommitAnnotations.read(annotationsByImage.get(push.repository() + "@" + push.digest()));
    }
}
