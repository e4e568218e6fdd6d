package dev.shiplane.core.fakes;

import static dev.shiplane.core.rotation.SecretVersions.CURRENT;
import static dev.shiplane.core.rotation.SecretVersions.PENDING;
import static dev.shiplane.core.rotation.SecretVersions.PREVIOUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.rotation.SecretVault;
import dev.shiplane.core.rotation.PasswordPolicy;
import dev.shiplane.core.rotation.SecretVersions;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SecretVault} must do. Run against the in-memory fake (core) and Secrets Manager on the emulator
 * (aws), so rotation tests built on the fake say something true about the service.
 */
public abstract class SecretVaultContract {

    protected static final String T1 = "11111111-1111-4111-8111-111111111111";
    protected static final String T2 = "22222222-2222-4222-8222-222222222222";

    protected abstract SecretVault vault();

    /** Creates a secret whose first version, labelled AWSCURRENT, holds {@code value}; returns its ARN. */
    protected abstract String createSecret(String name, String value);

    private Set<String> stagesOf(String secret, String versionId) {
        return vault().versions(secret).version(versionId).orElseThrow().stages();
    }

    private String currentId(String secret) {
        return vault().versions(secret).withStage(CURRENT).orElseThrow().versionId();
    }

    @Test
    void versions_nameTheSecret_andLabelItsFirstVersionCurrent() {
        var arn = createSecret("team/db", "v0");

        var versions = vault().versions("team/db");

        assertThat(versions.name()).isEqualTo("team/db");
        assertThat(versions.arn()).isEqualTo(arn);
        assertThat(versions.versions()).singleElement().satisfies(v -> {
            assertThat(v.stages()).containsExactly(CURRENT);
            assertThat(v.createdAt()).isNotNull();
        });
        assertThat(vault().versions(arn).name()).isEqualTo("team/db");
    }

    @Test
    void valueAt_readsTheLabelledVersion_beforeAndAfterPromotion() {
        createSecret("team/db", "v0");
        var v0 = currentId("team/db");
        vault().putPending("team/db", T1, "v1", null);

        assertThat(vault().valueAt("team/db", CURRENT)).isEqualTo("v0");
        assertThat(vault().valueAt("team/db", PENDING)).isEqualTo("v1");

        vault().moveStage("team/db", CURRENT, T1, v0);

        assertThat(vault().valueAt("team/db", CURRENT)).isEqualTo("v1");
        assertThat(vault().valueAt("team/db", PREVIOUS)).isEqualTo("v0");
    }

    @Test
    void valueOf_isEmpty_whenTheVersionDoesNotCarryTheStage() {
        createSecret("team/db", "v0");
        vault().putPending("team/db", T1, "v1", null);

        assertThat(vault().valueOf("team/db", T1, PENDING)).contains("v1");
        assertThat(vault().valueOf("team/db", T1, CURRENT)).isEmpty();
        assertThat(vault().valueOf("team/db", T2, PENDING)).isEmpty();
    }

    @Test
    void putPending_takesTheLabelFromAnotherPendingVersion() {
        createSecret("team/db", "v0");
        vault().putPending("team/db", T1, "v1", null);
        vault().putPending("team/db", T2, "v2", null);

        assertThat(stagesOf("team/db", T1)).isEmpty();
        assertThat(stagesOf("team/db", T2)).containsExactly(PENDING);
        assertThat(vault().valueAt("team/db", PENDING)).isEqualTo("v2");
    }

    @Test
    void putPending_sameValueAgain_changesNothing() {
        createSecret("team/db", "v0");
        vault().putPending("team/db", T1, "v1", null);
        vault().putPending("team/db", T1, "v1", null);

        assertThat(vault().versions("team/db").versions()).hasSize(2);
        assertThat(vault().valueOf("team/db", T1, PENDING)).contains("v1");
    }

    @Test
    void putPending_withTheRotationTokenOfARotationRequest_storesThePendingVersion() {
        createSecret("team/db", "v0");

        vault().putPending("team/db", T1, "v1", "rotation-token-from-secrets-manager");

        assertThat(stagesOf("team/db", T1)).containsExactly(PENDING);
        assertThat(vault().valueAt("team/db", PENDING)).isEqualTo("v1");
    }

    @Test
    void moveStage_current_fromAVersionWithoutIt_failsAndChangesNothing() {
        createSecret("team/db", "v0");
        var v0 = currentId("team/db");
        vault().putPending("team/db", T1, "v1", null);

        assertThatThrownBy(() -> vault().moveStage("team/db", CURRENT, T1, T1))
                .isInstanceOf(IllegalStateException.class);

        assertThat(currentId("team/db")).isEqualTo(v0);
        assertThat(vault().valueAt("team/db", CURRENT)).isEqualTo("v0");
    }

    @Test
    void moveStage_current_labelsTheVersionThatHadItPrevious() {
        createSecret("team/db", "v0");
        var v0 = currentId("team/db");
        vault().putPending("team/db", T1, "v1", null);

        vault().moveStage("team/db", CURRENT, T1, v0);
        vault().moveStage("team/db", PENDING, null, T1);

        assertThat(stagesOf("team/db", T1)).containsExactly(CURRENT);
        assertThat(stagesOf("team/db", v0)).containsExactly(PREVIOUS);
    }

    @Test
    void secondPromotion_movesPreviousToTheLastCurrent() {
        createSecret("team/db", "v0");
        var v0 = currentId("team/db");
        vault().putPending("team/db", T1, "v1", null);
        vault().moveStage("team/db", CURRENT, T1, v0);
        vault().putPending("team/db", T2, "v2", null);
        vault().moveStage("team/db", CURRENT, T2, T1);

        assertThat(vault().valueAt("team/db", CURRENT)).isEqualTo("v2");
        assertThat(vault().valueAt("team/db", PREVIOUS)).isEqualTo("v1");
        assertThat(stagesOf("team/db", v0)).isEmpty();
    }

    @Test
    void moveStage_withoutATarget_removesTheLabel() {
        createSecret("team/db", "v0");
        vault().putPending("team/db", T1, "v1", null);

        vault().moveStage("team/db", PENDING, null, T1);

        assertThat(vault().versions("team/db").withStage(PENDING)).isEmpty();
        assertThat(vault().valueOf("team/db", T1, PENDING)).isEmpty();
    }

    @Test
    void randomPassword_followsThePolicy() {
        var plain = vault().randomPassword(new PasswordPolicy(40, true, "aeiou"));
        var other = vault().randomPassword(new PasswordPolicy(40, true, "aeiou"));

        assertThat(plain).hasSize(40).matches("[A-Za-z0-9]+").doesNotContainPattern("[aeiou]");
        assertThat(other).isNotEqualTo(plain);
    }

    @Test
    void unknownSecret_isNoSuchElement() {
        assertThatThrownBy(() -> vault().versions("team/nope")).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void snapshot_listsEveryVersionWithItsLabels() {
        createSecret("team/db", "v0");
        vault().putPending("team/db", T1, "v1", null);

        SecretVersions versions = vault().versions("team/db");

        assertThat(versions.withStage(PENDING)).hasValueSatisfying(v -> assertThat(v.versionId()).isEqualTo(T1));
        assertThat(versions.withStage(CURRENT)).isPresent();
        assertThat(versions.versions()).hasSize(2);
    }
}
