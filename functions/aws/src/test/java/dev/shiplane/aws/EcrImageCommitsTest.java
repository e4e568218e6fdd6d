package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.core.deploy.ImageCommits;
import dev.shiplane.core.fakes.ImageCommitsContract;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;

/**
 * The image commits contract against ECR in the emulator: images put by manifest (PutImage), shaped as buildx
 * pushes them, read back with BatchGetImage.
 */
@ExtendWith(EmulatorExtension.class)
class EcrImageCommitsTest extends ImageCommitsContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private EcrClient ecr;
    private int pushed;

    @BeforeEach
    void client(TestAws aws) {
        ecr = aws.build(EcrClient.builder());
    }

    @Override
    protected ImageCommits commits() {
        return new EcrImageCommits(ecr);
    }

    @Override
    protected ImagePush givenPush(String repository, String tag, Shape shape, Map<String, String> annotations) {
        try {
            ecr.createRepository(r -> r.repositoryName(repository));
        } catch (RepositoryAlreadyExistsException again) {
            // a second image in the same repository
        }
        var manifest = manifest(shape, annotations, ++pushed);
        var image = ecr.putImage(r -> r.repositoryName(repository).imageTag(tag).imageManifest(manifest)).image();
        return new ImagePush("push-" + pushed, Registry.ECR,
                image.registryId() + ".dkr.ecr.us-east-1.amazonaws.com", repository, tag,
                image.imageId().imageDigest(), Instant.parse("2026-11-26T10:00:00Z"));
    }

    @Test
    void theManifestAsPushed_comesBackFromTheEmulator() {
        var push = givenPush("monynha/web", "1.4.2", Shape.OCI_INDEX, ANNOTATED);

        var image = ecr.batchGetImage(r -> r.repositoryName("monynha/web").imageIds(id -> id.imageDigest(push.digest()))
                .acceptedMediaTypes(EcrImageCommits.ACCEPTED_MEDIA_TYPES)).images();

        assertThat(image).singleElement().satisfies(i -> assertThat(i.imageManifest())
                .contains("\"org.opencontainers.image.revision\":\"" + SHA + "\""));
    }

    @Test
    void theCommitIsReadInTheRegistryOfThePushesAccount(TestAws aws) {
        var prodEcr = aws.inAccount("210987654321").build(EcrClient.builder());
        prodEcr.createRepository(r -> r.repositoryName("monynha/web"));
        var image = prodEcr.putImage(r -> r.repositoryName("monynha/web").imageTag("1.4.2")
                .imageManifest(manifest(Shape.OCI_INDEX, ANNOTATED, ++pushed))).image();
        var push = new ImagePush("push-prod", Registry.ECR, "210987654321.dkr.ecr.us-east-1.amazonaws.com",
                "monynha/web", "1.4.2", image.imageId().imageDigest(), Instant.parse("2026-11-26T10:00:00Z"));

        // BatchGetImage names the registry of the push's host (moto answers it; it does not check the id against
        // the caller's account, so that ECR's refusal of another account's id is not what this proves).
        assertThat(image.registryId()).isEqualTo("210987654321");
        assertThat(new EcrImageCommits(prodEcr).builtFrom(push)).map(c -> c.sha()).contains(SHA);
    }

    /** A manifest shaped as buildx pushes it, distinct per image (moto derives digests from the content). */
    static String manifest(Shape shape, Map<String, String> annotations, int n) {
        var platform = Map.of("mediaType", "application/vnd.oci.image.manifest.v1+json", "size", 1,
                "digest", "sha256:%064x".formatted(n), "platform", Map.of("architecture", "amd64", "os", "linux"));
        var body = new LinkedHashMap<String, Object>();
        body.put("schemaVersion", 2);
        switch (shape) {
            case OCI_INDEX -> {
                body.put("mediaType", "application/vnd.oci.image.index.v1+json");
                body.put("manifests", List.of(platform));
            }
            case DOCKER_MANIFEST_LIST -> {
                body.put("mediaType", "application/vnd.docker.distribution.manifest.list.v2+json");
                body.put("manifests", List.of(platform));
            }
            case OCI_MANIFEST -> {
                body.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
                body.put("config", Map.of("mediaType", "application/vnd.oci.image.config.v1+json", "size", 1,
                        "digest", "sha256:%064x".formatted(n)));
                body.put("layers", List.of(Map.of("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip",
                        "size", 1, "digest", "sha256:%064x".formatted(n))));
            }
        }
        if (shape != Shape.DOCKER_MANIFEST_LIST && !annotations.isEmpty()) body.put("annotations", annotations);
        try {
            return JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
