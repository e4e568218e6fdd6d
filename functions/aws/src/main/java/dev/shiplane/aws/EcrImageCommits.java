package dev.shiplane.aws;

import dev.shiplane.contract.MalformedJsonException;
import dev.shiplane.contract.ShiplaneJson;
import dev.shiplane.core.deploy.ImageCommits;
import dev.shiplane.core.image.CommitAnnotations;
import dev.shiplane.core.image.ImageCommit;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * {@link ImageCommits} on ECR's BatchGetImage: the pushed digest's manifest as it was pushed (an OCI image index for
 * a multi-platform build, which is where {@code buildx --annotation "index:…"} puts the commit), its top-level
 * {@code annotations} read by {@link CommitAnnotations}. A Docker manifest list has no annotations and names none.
 */
public final class EcrImageCommits implements ImageCommits {

    private static final Logger LOG = LoggerFactory.getLogger(EcrImageCommits.class);

    /**
     * Every manifest type a push can be, so ECR returns the manifest as pushed: without them it answers with a
     * Docker v2 manifest only and fails an index ("UnsupportedImageType").
     */
    static final List<String> ACCEPTED_MEDIA_TYPES = List.of(
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    private final EcrClient ecr;

    public EcrImageCommits(EcrClient ecr) {
        this.ecr = ecr;
    }

    @Override
    public Optional<ImageCommit> builtFrom(ImagePush push) {
        if (push.registry() != Registry.ECR) return Optional.empty();
        String manifest;
        try {
            // The registry id is the account of the push's registry host (<account>.dkr.ecr.<region>.amazonaws.com):
            // the repository may be in another account than the function's.
            var registryId = push.registryHost().substring(0, push.registryHost().indexOf('.'));
            var images = ecr.batchGetImage(r -> r.registryId(registryId).repositoryName(push.repository())
                    .imageIds(id -> id.imageDigest(push.digest()))
                    .acceptedMediaTypes(ACCEPTED_MEDIA_TYPES)).images();
            if (images.isEmpty() || images.getFirst().imageManifest() == null) return Optional.empty();
            manifest = images.getFirst().imageManifest();
        } catch (RepositoryNotFoundException | ImageNotFoundException gone) {
            return Optional.empty();
        } catch (SdkException unanswered) {
            // The push is announced either way (lead time then runs from the push): failing it here would hold every
            // deployment of the image hostage to a read of its provenance. What went wrong goes to the log.
            LOG.warn("the commit of {} could not be read from ECR, lead time will run from the push: {}",
                    push.displayName(), unanswered.getMessage());
            return Optional.empty();
        }
        return CommitAnnotations.read(annotations(manifest));
    }

    private static java.util.Map<String, String> annotations(String manifest) {
        var byKey = new HashMap<String, String>();
        try {
            var annotations = ShiplaneJson.tree(manifest).path("annotations");
            if (annotations.isObject()) {
                annotations.properties().forEach(a -> {
                    if (a.getValue().isTextual()) byKey.put(a.getKey(), a.getValue().asText());
                });
            }
        } catch (MalformedJsonException notAManifest) {
            // nothing to read: the push names no commit
        }
        return byKey;
    }
}
