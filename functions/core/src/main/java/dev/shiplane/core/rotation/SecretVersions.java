package dev.shiplane.core.rotation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A snapshot of one secret's versions and their staging labels, as Secrets Manager lists them. The planner decides
 * every rotation step from this alone.
 *
 * @param arn      the secret's ARN (what events name it by)
 * @param name     the secret's name ({@code monynha/db-password})
 * @param versions every version that still exists, labelled or not
 */
public record SecretVersions(String arn, String name, List<Version> versions) {

    public static final String CURRENT = "AWSCURRENT";
    public static final String PENDING = "AWSPENDING";
    public static final String PREVIOUS = "AWSPREVIOUS";

    /**
     * One version.
     *
     * @param versionId the version id; for versions shiplane creates, the rotation's ClientRequestToken
     * @param stages    its staging labels (possibly none: a version a later rotation left behind)
     * @param createdAt when Secrets Manager created it
     */
    public record Version(String versionId, Set<String> stages, Instant createdAt) {
        public Version {
            stages = Set.copyOf(stages);
        }

        public boolean has(String stage) {
            return stages.contains(stage);
        }
    }

    public SecretVersions {
        versions = List.copyOf(versions);
    }

    public Optional<Version> version(String versionId) {
        return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
    }

    /** The version carrying {@code stage}; Secrets Manager attaches a label to one version at most. */
    public Optional<Version> withStage(String stage) {
        return versions.stream().filter(v -> v.has(stage)).findFirst();
    }
}
