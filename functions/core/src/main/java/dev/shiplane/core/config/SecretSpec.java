package dev.shiplane.core.config;

import java.time.Duration;
import java.util.List;

/**
 * One secret shiplane rotates.
 *
 * @param name           key in {@code rotation.secrets}
 * @param secretId       Secrets Manager name or ARN
 * @param type           rotation strategy
 * @param masterSecretId secret of a user allowed to create/alter the application user ({@code postgres} only)
 * @param consumers      services redeployed after a rotation, in every environment they run in
 * @param gracePeriod    how long the previous value stays valid ({@code hmac-key}); {@code null} otherwise
 * @param length         generated length for random values (default 32)
 * @param excludePunctuation leave punctuation out of generated values (default true: values land in URLs and env)
 */
public record SecretSpec(String name, String secretId, SecretType type, String masterSecretId, List<String> consumers,
                         Duration gracePeriod, int length, boolean excludePunctuation) {
    public SecretSpec {
        consumers = List.copyOf(consumers);
    }
}
