package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.core.image.CommitAnnotations;
import dev.shiplane.testkit.TestAws;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;

/**
 * Plays a build's push to ECR for the story ({@code ecr-image} directive): what {@code docker buildx build --push
 * --annotation "index:…"} leaves in the repository is an OCI image index carrying the annotations, under the digest
 * ECR's {@code ECR Image Action} event then names. The sandbox has no image layers to push, so it puts the index
 * alone (PutImage with the event's digest, which moto keeps as given); the deploy function reads it back with
 * BatchGetImage as it would in AWS.
 */
final class EcrPushes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EcrPushes() {}

    /** Puts the directive's image index in ECR; returns what the timeline says about its commit. */
    static String putIndex(TestAws aws, StoryDirective.EcrImage image, Instant now) {
        return putIndex(aws, null, image, now);
    }

    /**
     * @param registryId the account holding the repository, when {@code aws} acts in another account: AWS serves that
     *                   account's repository to calls naming it ({@code registryId}), which moto cannot, so the
     *                   sandbox keeps a copy under that registry id in {@code aws}'s account (AWS's part)
     */
    static String putIndex(TestAws aws, String registryId, StoryDirective.EcrImage image, Instant now) {
        var ecr = aws.build(EcrClient.builder());
        try {
            ecr.createRepository(r -> r.repositoryName(image.repository()).registryId(registryId));
        } catch (RepositoryAlreadyExistsException configured) {
            // the world made the configured repositories already
        }
        var annotations = new LinkedHashMap<>(image.annotations());
        if (image.committedBefore() != null) {
            annotations.put(CommitAnnotations.COMMIT_TIMESTAMP, now.minus(image.committedBefore()).toString());
        }
        var index = new LinkedHashMap<String, Object>();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        index.put("manifests", List.of(platform("amd64", 1), platform("arm64", 2)));
        index.put("annotations", annotations);
        String manifest;
        try {
            manifest = JSON.writeValueAsString(index);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ecr.putImage(r -> r.repositoryName(image.repository()).imageTag(image.tag()).imageDigest(image.digest())
                .imageManifestMediaType("application/vnd.oci.image.index.v1+json").imageManifest(manifest));
        var revision = annotations.get(CommitAnnotations.REVISION);
        return revision == null ? "" : ", built from commit " + revision.substring(0, Math.min(7, revision.length()))
                + (image.committedBefore() == null ? "" : " made " + image.committedBefore().toMinutes()
                        + "m before the push");
    }

    /** One platform's manifest in the index: digests stand for images the sandbox does not have. */
    private static Map<String, Object> platform(String architecture, int n) {
        return Map.of("mediaType", "application/vnd.oci.image.manifest.v1+json", "size", 1,
                "digest", "sha256:%064x".formatted(n), "platform", Map.of("architecture", architecture, "os", "linux"));
    }
}
