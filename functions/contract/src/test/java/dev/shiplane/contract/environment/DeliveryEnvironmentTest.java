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
    void aConfigurationWithoutAccounts_stillServesEveryEnvironmentWithoutTheVariable() {
        var oneAccount = ConfigLoader.load(RepoFiles.path("functions/testkit/configs/rolling.yml"));

        var serving = DeliveryEnvironment.serving(Map.of(), oneAccount);

        assertThat(serving.served().names()).isNull();
        assertThat(serving.account()).isNull();
    }
}
