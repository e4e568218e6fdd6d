package dev.shiplane.contract.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.contract.config.ConfigLoader;
import dev.shiplane.testkit.RepoFiles;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The served environments as a function reads them at cold start, on the repository's two-account shiplane.yml. */
class DeliveryEnvironmentTest {

    static final dev.shiplane.core.config.ShiplaneConfig REPOSITORY = ConfigLoader.load(RepoFiles.path("shiplane.yml"));

    @Test
    void withoutTheVariable_aFunctionOfTheTwoAccountStoryRefusesToStart_namingIt() {
        assertThatThrownBy(() -> DeliveryEnvironment.served(Map.of(), REPOSITORY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("SHIPLANE_SERVED_ENVIRONMENTS is not set: shiplane.yml names each"
                        + " environment's account (staging in 123456789012, prod in 210987654321)");
    }

    @Test
    void prodsStack_servesProd_inProdsAccount() {
        var serving = DeliveryEnvironment.serving(Map.of("SHIPLANE_SERVED_ENVIRONMENTS", "prod"), REPOSITORY);

        assertThat(serving.served().serves("prod")).isTrue();
        assertThat(serving.served().serves("staging")).isFalse();
        assertThat(serving.account()).isEqualTo("210987654321");
    }

    @Test
    void configured_keepsTheDeclaredConfig_andNarrowsTheServedOneToProd() {
        var configured = DeliveryEnvironment.configured(Map.of(CommonEnvironment.CONFIG_FILE,
                RepoFiles.path("shiplane.yml").toString(), "SHIPLANE_SERVED_ENVIRONMENTS", "prod"));

        assertThat(configured.declared().served().names()).isNull();
        assertThat(configured.declared().targetsIn("staging")).isNotEmpty();
        assertThat(configured.config().environments()).extracting(e -> e.name() + "@" + e.account())
                .containsExactly("staging@123456789012", "prod@210987654321");
        assertThat(configured.config().targetsIn("staging")).isEmpty();
        assertThat(configured.config().targetsIn("prod")).isNotEmpty();
        assertThat(configured.served().serves("prod")).isTrue();
        assertThat(configured.account()).isEqualTo("210987654321");
    }

    @Test
    void configured_withoutTheVariable_refusesToStartLikeServed() {
        assertThatThrownBy(() -> DeliveryEnvironment.configured(Map.of(CommonEnvironment.CONFIG_FILE,
                RepoFiles.path("shiplane.yml").toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("SHIPLANE_SERVED_ENVIRONMENTS is not set");
    }

    @Test
    void aConfigurationWithoutAccounts_stillServesEveryEnvironmentWithoutTheVariable() {
        var oneAccount = ConfigLoader.load(RepoFiles.path("functions/testkit/configs/rolling.yml"));

        var serving = DeliveryEnvironment.serving(Map.of(), oneAccount);

        assertThat(serving.served().names()).isNull();
        assertThat(serving.account()).isNull();
    }
}
