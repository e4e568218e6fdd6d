package dev.shiplane.aws;

import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.deploy.ImageCatalog;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * {@link ImageCatalog} on ECR's DescribeImages, in the registry of the account asked (the function's own when none
 * is named) and the function's region. GHCR names are not ECR
 * repositories and find nothing here (the ledger covers images GHCR pushes already brought).
 */
public final class EcrImageCatalog implements ImageCatalog {

    private final EcrClient ecr;

    public EcrImageCatalog(EcrClient ecr) {
        this.ecr = ecr;
    }

    @Override
    public Optional<ImageRef> find(String registryAccount, String repository, String tag, String digest) {
        if (repository.contains(".")) return Optional.empty(); // ghcr.io/…: a registry host, not an ECR name
        try {
            // A repository in another account is named by its registry id (that account), as ECR's API asks.
            var images = ecr.describeImages(r -> r.registryId(registryAccount).repositoryName(repository)
                    .imageIds(id -> { if (tag != null) id.imageTag(tag); else id.imageDigest(digest); })).imageDetails();
            if (images.isEmpty()) return Optional.empty();
            var image = images.getFirst();
            var host = image.registryId() + ".dkr.ecr." + ecr.serviceClientConfiguration().region().id()
                    + ".amazonaws.com";
            return Optional.of(new ImageRef("ecr", repository, tag, image.imageDigest(),
                    host + "/" + repository + "@" + image.imageDigest()));
        } catch (ImageNotFoundException | RepositoryNotFoundException absent) {
            return Optional.empty();
        }
    }
}
