package dev.shiplane.webhook;

import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.lambda.powertools.parameters.cache.CacheManager;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;

/**
 * The GitHub token, the {@code AWSCURRENT} value of its Secrets Manager secret, through Powertools Parameters: read
 * on the first lookup and cached for {@link #MAX_AGE}, so a replaced token is used within that. The value is the
 * token itself (a personal access token with {@code read:packages}), not JSON.
 */
final class GitHubTokenSecret implements Supplier<String> {

    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final SecretsProvider provider;
    private final String secretId;

    /** @param secretId the secret's ARN (what the stack passes) or name */
    GitHubTokenSecret(SecretsManagerClient secretsManager, String secretId) {
        this.secretId = secretId;
        var cache = new CacheManager();
        cache.setDefaultExpirationTime(MAX_AGE);
        this.provider = SecretsProvider.builder().withClient(secretsManager).withCacheManager(cache).build();
    }

    @Override
    public String get() {
        var token = provider.get(secretId);
        if (token == null || token.isBlank()) {
            // Named by its secret, never by its value.
            throw new IllegalStateException("the GitHub token secret " + secretId + " is empty");
        }
        return token.strip();
    }
}
