package dev.shiplane.core.rotation;

import static dev.shiplane.core.rotation.SecretVersions.CURRENT;
import static dev.shiplane.core.rotation.SecretVersions.PREVIOUS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.config.SecretSpec;
import dev.shiplane.core.config.SecretType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GracePeriodTest {

    static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a key rotated a month ago rotates                       | 7  | 30 | true  | false
            a key rotated yesterday waits for the grace period      | 7  | 1  | true  | true
            a key rotated exactly one grace period ago rotates      | 7  | 7  | true  | false
            a first rotation never waits (no previous key to lose)  | 7  | 0  | false | false
            a secret without a grace period never waits             | -1 | 0  | true  | false
            """)
    void deferral(String name, int graceDays, int currentAgeDays, boolean hasPrevious, boolean deferred) {
        var secret = new SecretSpec("jwt", "team/jwt", SecretType.HMAC_KEY, null, List.of(),
                graceDays < 0 ? null : Duration.ofDays(graceDays), 64, true);
        var current = new SecretVersions.Version("v2", Set.of(CURRENT), NOW.minus(Duration.ofDays(currentAgeDays)));
        var versions = hasPrevious
                ? List.of(new SecretVersions.Version("v1", Set.of(PREVIOUS), NOW.minus(Duration.ofDays(90))), current)
                : List.of(current);

        var why = GracePeriod.deferral(secret, new SecretVersions("arn", "team/jwt", versions), NOW);

        assertThat(why.isPresent()).isEqualTo(deferred);
    }
}
