package dev.shiplane.aws;

import dev.shiplane.core.fakes.ImageCatalogContract;
import dev.shiplane.core.deploy.ImageCatalog;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;

/** The image catalog contract against ECR in the emulator, with images put by manifest. */
@ExtendWith(EmulatorExtension.class)
class EcrImageCatalogTest extends ImageCatalogContract {

    private EcrClient ecr;
    private int pushed;

    @BeforeEach
    void client(TestAws aws) {
        ecr = aws.build(EcrClient.builder());
    }

    @Override
    protected ImageCatalog catalog() {
        return new EcrImageCatalog(ecr);
    }

    @Override
    protected String givenImage(String repository, String tag) {
        try {
            ecr.createRepository(r -> r.repositoryName(repository));
        } catch (RepositoryAlreadyExistsException again) {
            // a second image in the same repository
        }
        return ecr.putImage(r -> r.repositoryName(repository).imageTag(tag).imageManifest(manifest(++pushed)))
                .image().imageId().imageDigest();
    }

    @Test
    void aRepositoryIsReadInTheRegistryOfTheAccountNamed(TestAws aws) {
        var ownDigest = givenImage("monynha/web", "1.4.2");
        var prodEcr = aws.inAccount("210987654321").build(EcrClient.builder());
        prodEcr.createRepository(r -> r.repositoryName("monynha/web"));
        var prodDigest = prodEcr.putImage(r -> r.repositoryName("monynha/web").imageTag("1.4.2")
                .imageManifest(manifest(++pushed))).image().imageId().imageDigest();

        var own = catalog().find("123456789012", "monynha/web", "1.4.2", null).orElseThrow();
        var prod = new EcrImageCatalog(prodEcr).find("210987654321", "monynha/web", "1.4.2", null).orElseThrow();

        assertThat(own.uri()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/web@" + ownDigest);
        assertThat(prod.uri()).isEqualTo("210987654321.dkr.ecr.us-east-1.amazonaws.com/monynha/web@" + prodDigest);
        assertThat(prodDigest).isNotEqualTo(ownDigest);
        // A registry id that is not the repository's account is asked of that account's registry, not the caller's.
        assertThat(catalog().find("210987654321", "monynha/web", "1.4.2", null)).isEmpty();
    }

    /** A distinct manifest per image: moto's digest is a hash of the layers' digests (ECR's, of the manifest). */
    static String manifest(int layer) {
        return """
                {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",\
                "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1,\
                "digest":"sha256:%1$064x"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip",\
                "size":1,"digest":"sha256:%1$064x"}]}""".formatted(layer);
    }
}
