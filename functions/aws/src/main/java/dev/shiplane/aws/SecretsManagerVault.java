package dev.shiplane.aws;

import dev.shiplane.core.rotation.SecretVault;
import dev.shiplane.core.rotation.PasswordPolicy;
import dev.shiplane.core.rotation.SecretVersions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * {@link SecretVault} on AWS Secrets Manager. Every read names a staging label: GetSecretValue without one answers
 * with AWSCURRENT in AWS but, in moto, with whichever version it stored first, and a rotation must never act on a
 * value it did not ask for by label anyway.
 */
public final class SecretsManagerVault implements SecretVault {

    private final SecretsManagerClient secretsManager;

    public SecretsManagerVault(SecretsManagerClient secretsManager) {
        this.secretsManager = secretsManager;
    }

    @Override
    public SecretVersions versions(String secretId) {
        try {
            // DescribeSecret for the identity: moto's ListSecretVersionIds echoes the id it was given as the ARN,
            // and answers an unknown secret with a 500 instead of ResourceNotFoundException.
            var secret = secretsManager.describeSecret(r -> r.secretId(secretId));
            List<SecretVersions.Version> versions = new ArrayList<>();
            // Versions without labels are "deprecated" and listed only on request; a rotation needs to see its own
            // version after another run took the AWSPENDING label from it.
            for (var page : secretsManager.listSecretVersionIdsPaginator(r -> r.secretId(secret.arn())
                    .includeDeprecated(true))) {
                for (var v : page.versions()) {
                    versions.add(new SecretVersions.Version(v.versionId(), new HashSet<>(v.versionStages()),
                            v.createdDate()));
                }
            }
            return new SecretVersions(secret.arn(), secret.name(), versions);
        } catch (ResourceNotFoundException e) {
            throw new NoSuchElementException("secret " + secretId + " does not exist in Secrets Manager");
        }
    }

    @Override
    public String valueAt(String secretId, String stage) {
        try {
            return secretsManager.getSecretValue(r -> r.secretId(secretId).versionStage(stage)).secretString();
        } catch (ResourceNotFoundException e) {
            throw new IllegalStateException("no version of secret " + secretId + " is labelled " + stage, e);
        }
    }

    @Override
    public Optional<String> valueOf(String secretId, String versionId, String stage) {
        try {
            return Optional.ofNullable(secretsManager.getSecretValue(r -> r.secretId(secretId).versionId(versionId)
                    .versionStage(stage)).secretString());
        } catch (ResourceNotFoundException | InvalidRequestException notThere) {
            // AWS: no such version, or RotateSecret's pending version before createSecret stored a value.
            // moto: the version does not carry the label.
            return Optional.empty();
        }
    }

    @Override
    public void putPending(String secretId, String versionId, String value, String rotationToken) {
        try {
            secretsManager.putSecretValue(pendingVersion(secretId, versionId, value, rotationToken));
        } catch (SecretsManagerException e) {
            throw new IllegalStateException("storing pending version " + versionId + " of " + secretId + " failed: "
                    + e.awsErrorDetails().errorCode(), e);
        }
    }

    /**
     * The PutSecretValue of a pending version. The RotationToken is the model's sensitive field: the SDK leaves it
     * out of the request's {@code toString()} and CloudTrail out of its entries.
     */
    static PutSecretValueRequest pendingVersion(String secretId, String versionId, String value,
                                                String rotationToken) {
        return PutSecretValueRequest.builder().secretId(secretId).clientRequestToken(versionId).secretString(value)
                .versionStages(SecretVersions.PENDING).rotationToken(rotationToken).build();
    }

    @Override
    public void moveStage(String secretId, String stage, String toVersionId, String fromVersionId) {
        try {
            secretsManager.updateSecretVersionStage(r -> r.secretId(secretId).versionStage(stage)
                    .moveToVersionId(toVersionId).removeFromVersionId(fromVersionId));
        } catch (InvalidParameterException | InvalidRequestException | ResourceNotFoundException e) {
            throw new IllegalStateException("moving " + stage + " of " + secretId + " from " + fromVersionId + " to "
                    + toVersionId + " was refused: " + e.awsErrorDetails().errorMessage(), e);
        }
    }

    @Override
    public String randomPassword(PasswordPolicy policy) {
        return secretsManager.getRandomPassword(r -> {
            r.passwordLength((long) policy.length()).excludePunctuation(policy.excludePunctuation());
            if (!policy.excludeCharacters().isEmpty()) r.excludeCharacters(policy.excludeCharacters());
        }).randomPassword();
    }
}
