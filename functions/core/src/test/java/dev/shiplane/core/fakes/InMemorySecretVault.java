package dev.shiplane.core.fakes;

import dev.shiplane.core.rotation.SecretVault;
import dev.shiplane.core.rotation.PasswordPolicy;
import dev.shiplane.core.rotation.SecretVersions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * Secrets Manager's version-and-label model in memory, strict where the real service is strict (a label moved from a
 * version that does not carry it fails). Can be told to crash after an operation has taken effect.
 */
public final class InMemorySecretVault implements SecretVault {

    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Secret> secrets = new LinkedHashMap<>();
    private final Crashes crashes = new Crashes();
    private final List<String> generated = new ArrayList<>();
    private final Map<String, String> rotationTokens = new LinkedHashMap<>();

    private static final class Secret {
        final String name;
        final String arn;
        final Map<String, Version> versions = new LinkedHashMap<>();

        Secret(String name, String arn) {
            this.name = name;
            this.arn = arn;
        }
    }

    private static final class Version {
        final String id;
        final Set<String> stages = new HashSet<>();
        String value;
        final java.time.Instant createdAt;

        Version(String id, String value, java.time.Instant createdAt) {
            this.id = id;
            this.value = value;
            this.createdAt = createdAt;
        }
    }

    public InMemorySecretVault(Clock clock) {
        this.clock = clock;
    }

    /** The RotationToken the pending version {@code versionId} was stored with, if any (Secrets Manager checks it). */
    public synchronized Optional<String> rotationTokenOf(String versionId) {
        return Optional.ofNullable(rotationTokens.get(versionId));
    }

    /** Creates a secret whose first version is AWSCURRENT; returns its ARN. */
    public synchronized String create(String name, String value) {
        var arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + name + "-AbCdEf";
        var secret = new Secret(name, arn);
        var version = new Version(java.util.UUID.randomUUID().toString(), value, clock.instant());
        version.stages.add(SecretVersions.CURRENT);
        secret.versions.put(version.id, version);
        secrets.put(name, secret);
        return arn;
    }

    /** What Secrets Manager's RotateSecret does before invoking createSecret: an AWSPENDING version with no value. */
    public synchronized void beginRotateSecret(String secretId, String token) {
        var secret = secret(secretId);
        secret.versions.values().forEach(v -> v.stages.remove(SecretVersions.PENDING));
        var version = new Version(token, null, clock.instant());
        version.stages.add(SecretVersions.PENDING);
        secret.versions.put(token, version);
    }

    /** The next call of {@code operation} takes effect and then throws, as if the function died right after it. */
    public void crashAfter(String operation) {
        crashes.arm(operation, 1);
    }

    /** Like {@link #crashAfter(String)}, at the {@code occurrence}-th call from now. */
    public void crashAfter(String operation, int occurrence) {
        crashes.arm(operation, occurrence);
    }

    /** Every value {@link #randomPassword} handed out. */
    public synchronized List<String> generated() {
        return List.copyOf(generated);
    }

    @Override
    public synchronized SecretVersions versions(String secretId) {
        var secret = secret(secretId);
        return new SecretVersions(secret.arn, secret.name, secret.versions.values().stream()
                .map(v -> new SecretVersions.Version(v.id, v.stages, v.createdAt)).toList());
    }

    @Override
    public synchronized String valueAt(String secretId, String stage) {
        return secret(secretId).versions.values().stream().filter(v -> v.stages.contains(stage) && v.value != null)
                .findFirst().map(v -> v.value)
                .orElseThrow(() -> new IllegalStateException("no version of " + secretId + " is labelled " + stage));
    }

    @Override
    public synchronized Optional<String> valueOf(String secretId, String versionId, String stage) {
        return Optional.ofNullable(secret(secretId).versions.get(versionId))
                .filter(v -> v.stages.contains(stage)).map(v -> v.value);
    }

    @Override
    public synchronized void putPending(String secretId, String versionId, String value, String rotationToken) {
        var secret = secret(secretId);
        var existing = secret.versions.get(versionId);
        if (existing != null && existing.value != null && !existing.value.equals(value)) {
            throw new IllegalStateException("version " + versionId + " of " + secretId + " already holds another value");
        }
        secret.versions.values().forEach(v -> v.stages.remove(SecretVersions.PENDING));
        var version = existing != null ? existing : new Version(versionId, value, clock.instant());
        version.value = value;
        version.stages.add(SecretVersions.PENDING);
        secret.versions.put(versionId, version);
        if (rotationToken != null) rotationTokens.put(versionId, rotationToken);
        crashes.check("putPending");
    }

    @Override
    public synchronized void moveStage(String secretId, String stage, String toVersionId, String fromVersionId) {
        var secret = secret(secretId);
        var holder = secret.versions.values().stream().filter(v -> v.stages.contains(stage)).findFirst();
        if (fromVersionId != null && (holder.isEmpty() || !holder.get().id.equals(fromVersionId))) {
            throw new IllegalStateException("version " + fromVersionId + " of " + secretId + " is not labelled " + stage);
        }
        if (fromVersionId == null && toVersionId != null && holder.isPresent() && !holder.get().id.equals(toVersionId)) {
            throw new IllegalStateException(stage + " is on version " + holder.get().id + ": name it to move the label");
        }
        if (toVersionId != null && !secret.versions.containsKey(toVersionId)) {
            throw new IllegalStateException("no version " + toVersionId + " of " + secretId);
        }
        if (fromVersionId != null) secret.versions.get(fromVersionId).stages.remove(stage);
        if (toVersionId != null) secret.versions.get(toVersionId).stages.add(stage);
        if (stage.equals(SecretVersions.CURRENT) && fromVersionId != null && toVersionId != null) {
            secret.versions.values().forEach(v -> v.stages.remove(SecretVersions.PREVIOUS));
            secret.versions.get(fromVersionId).stages.add(SecretVersions.PREVIOUS);
        }
        crashes.check("moveStage");
    }

    @Override
    public synchronized String randomPassword(PasswordPolicy policy) {
        var alphabet = new StringBuilder();
        for (char c : (ALPHANUMERIC + (policy.excludePunctuation() ? "" : PUNCTUATION)).toCharArray()) {
            if (policy.excludeCharacters().indexOf(c) < 0) alphabet.append(c);
        }
        var value = new StringBuilder();
        for (int i = 0; i < policy.length(); i++) value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        generated.add(value.toString());
        return value.toString();
    }

    private Secret secret(String secretId) {
        for (var s : secrets.values()) {
            if (s.name.equals(secretId) || s.arn.equals(secretId)) return s;
        }
        throw new NoSuchElementException("Secrets Manager can't find the specified secret: " + secretId);
    }
}
