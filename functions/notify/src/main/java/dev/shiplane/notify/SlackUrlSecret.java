package dev.shiplane.notify;

import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.lambda.powertools.parameters.cache.CacheManager;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;

/**
 * The Slack incoming-webhook URL, the {@code AWSCURRENT} value of its Secrets Manager secret, through Powertools
 * Parameters: read on first use and cached for {@link #MAX_AGE}, so an operator's new URL arrives within that.
 * Powertools has no way to drop one cached value, so {@link #forget()} (after Slack refused the URL as gone) starts a
 * fresh cache and the next use reads the secret again.
 */
final class SlackUrlSecret implements Supplier<String> {

    static final Duration MAX_AGE = Duration.ofMinutes(15);

    private final SecretsManagerClient secretsManager;
    private final String secretId;
    private volatile SecretsProvider provider;

    /** @param secretId the secret's ARN (what the stack passes) or name */
    SlackUrlSecret(SecretsManagerClient secretsManager, String secretId) {
        this.secretsManager = secretsManager;
        this.secretId = secretId;
        this.provider = freshProvider();
    }

    @Override
    public String get() {
        return provider.get(secretId);
    }

    void forget() {
        provider = freshProvider();
    }

    private SecretsProvider freshProvider() {
        var cache = new CacheManager();
        cache.setDefaultExpirationTime(MAX_AGE);
        return SecretsProvider.builder().withClient(secretsManager).withCacheManager(cache).build();
    }
}
