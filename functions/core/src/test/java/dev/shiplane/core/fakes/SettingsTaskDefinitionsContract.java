package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.settings.SettingsTaskDefinitions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SettingsTaskDefinitions} must do; run against ECS on the emulator (aws). The settings use case is
 * tested on the emulator itself ({@code SettingsChangeOnEcsTest}), so there is no in-memory fake to drift.
 */
public abstract class SettingsTaskDefinitionsContract {

    protected abstract SettingsTaskDefinitions settings();

    /** Registers a revision of {@code family} with one container {@code container} on {@code image}; returns its ARN. */
    protected abstract String givenRevision(String family, String container, String image);

    static final String FAMILY = SettingsTaskDefinitions.familyOf("prod", "web");

    @Test
    void familyTheStackDoesNotDeclare_hasNoRevision() {
        assertThat(settings().latestRevision(FAMILY)).isEmpty();
    }

    @Test
    void latestRevision_isTheNewest() {
        givenRevision(FAMILY, "web", "monynha/web:settings");
        var newest = givenRevision(FAMILY, "web", "monynha/web:settings");

        assertThat(settings().latestRevision(FAMILY)).contains(newest);
    }

    @Test
    void latestRevision_isOfThatFamilyOnly_notOfOneItPrefixes() {
        var api = givenRevision(SettingsTaskDefinitions.familyOf("prod", "web-api"), "api", "monynha/api:settings");

        assertThat(settings().latestRevision(FAMILY)).isEmpty();
        assertThat(settings().latestRevision(SettingsTaskDefinitions.familyOf("prod", "web-api"))).contains(api);
    }

    @Test
    void imageOf_isTheContainersImage() {
        var arn = givenRevision("monynha-prod-web", "web", "monynha/web:1.4.2");

        assertThat(settings().imageOf(arn, "web")).isEqualTo("monynha/web:1.4.2");
    }

    @Test
    void imageOfAnUnknownContainer_throwsNamingIt() {
        var arn = givenRevision("monynha-prod-web", "web", "monynha/web:1.4.2");

        assertThatThrownBy(() -> settings().imageOf(arn, "api"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no container 'api'");
    }

    @Test
    void registerFromSettings_runsTheImageInTheServicesFamily_andKnowsItsSettings() {
        var settingsArn = givenRevision(FAMILY, "web", "monynha/web:settings");

        var registered = settings().registerFromSettings(settingsArn, "monynha-prod-web", "web", "monynha/web:1.4.2",
                Map.of("shiplane.deployment-id", "d-1"));

        assertThat(registered).contains("monynha-prod-web:").isNotEqualTo(settingsArn);
        assertThat(settings().imageOf(registered, "web")).isEqualTo("monynha/web:1.4.2");
        assertThat(settings().settingsRevisionOf(registered)).contains(settingsArn);
    }

    @Test
    void revisionNotBuiltFromSettings_hasNoSettingsRevision() {
        var arn = givenRevision("monynha-prod-web", "web", "monynha/web:1.4.2");

        assertThat(settings().settingsRevisionOf(arn)).isEmpty();
    }

    @Test
    void registerFromSettingsForAnUnknownContainer_isRefused() {
        var settingsArn = givenRevision(FAMILY, "web", "monynha/web:settings");

        assertThatThrownBy(() -> settings().registerFromSettings(settingsArn, "monynha-prod-web", "api",
                "monynha/api:1.0.0", Map.of())).isInstanceOf(IllegalStateException.class);
    }
}
